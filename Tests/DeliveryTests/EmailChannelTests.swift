import Foundation
import Ledger
import TestSupport
import Testing
import Transport
@testable import Delivery

@Suite(.timeLimit(.minutes(3)))
struct EmailChannelTests {
    /// Parses a saved message with Python's `email` package, an independent MIME reader.
    static let parse = """
        import json, sys
        from email import policy
        from email.parser import BytesParser
        m = BytesParser(policy=policy.default).parse(open(sys.argv[1], "rb"))
        alt = next(p for p in m.walk() if p.get_content_type() == "multipart/alternative")
        parts = [{"type": p.get_content_type(), "charset": p.get_content_charset(), "content": p.get_content()}
                 for p in alt.iter_parts()]
        raw = open(sys.argv[1], "rb").read()
        print(json.dumps({"subject": str(m["subject"]), "raw_subject": m.get("subject").__class__.__name__,
                          "from": str(m["from"]), "to": str(m["to"]), "message_id": str(m["message-id"]),
                          "date": str(m["date"]), "ascii_only": all(b < 128 for b in raw), "parts": parts}))
        """

    struct Parsed: Decodable {
        struct Part: Decodable { let type: String; let charset: String?; let content: String }
        let subject: String
        let from: String
        let to: String
        let message_id: String
        let date: String
        let ascii_only: Bool
        let parts: [Part]
    }

    @Test func starttlsRequiredNeverSendsInClearToAServerWithoutIt() throws {
        let folder = try TemporaryDirectory("smtp")
        let sink = try FixtureServer("smtp_sink.py", arguments: [folder.path, "tft", "s3cret-pass"])
        let channel = Channel(name: "weekly-mail", minSeverity: nil, endpoint: EmailChannel(
            server: SMTPServer(url: "smtp://127.0.0.1:\(sink.port)", startTLS: .required, username: "tft", password: "s3cret-pass"),
            from: "tft@daejeon-tp.example", to: ["finance@daejeon-tp.example"], timeZone: TimeZone(identifier: "Asia/Seoul")!))
        let ledger = try Sample.ledger()
        let entry = try #require(try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: try Sample.report(), channels: [channel],
                                                                   force: false, now: "2009-06-29T00:00:00Z", logger: Sample.logger).first)
        let recorder = SleepRecorder()
        let summary = try Dispatcher(ledger: ledger, channels: [channel], transport: DeliveryTransport(),
                                     clock: recorder.clock, logger: Sample.logger).dispatchPending()
        // The server offers no STARTTLS: refused for good at once, and no message (nor password) went over the wire.
        #expect(summary.failed == [entry.record.id])
        #expect(recorder.slept.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try ledger.deliveries().first?.lastError?.isEmpty == false)
    }

    @Test func theReportArrivesAsMultipartAlternativeInUTF8WithAKoreanSubject() throws {
        let folder = try TemporaryDirectory("smtp")
        let sink = try FixtureServer("smtp_sink.py", arguments: [folder.path, "tft", "s3cret-pass"])
        let report = try Sample.report()
        let channel = Channel(name: "weekly-mail", minSeverity: nil, endpoint: EmailChannel(
            server: SMTPServer(url: "smtp://127.0.0.1:\(sink.port)", startTLS: .off, username: "tft", password: "s3cret-pass"),
            from: "TFT <tft@daejeon-tp.example>", to: ["finance@daejeon-tp.example", "tft-lead@daejeon-tp.example"],
            timeZone: TimeZone(identifier: "Asia/Seoul")!))
        let ledger = try Sample.ledger()
        let entry = try #require(try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: report, channels: [channel],
                                                                   force: false, now: "2009-06-29T00:00:00Z", logger: Sample.logger).first)
        let summary = try Dispatcher(ledger: ledger, channels: [channel], transport: DeliveryTransport(),
                                     clock: SleepRecorder().clock, logger: Sample.logger).dispatchPending()
        #expect(summary.sent == [entry.record.id])

        let eml = folder.appendingPathComponent("1.eml").path
        let result = try runProgram("/usr/bin/env", ["python3", "-c", Self.parse, eml])
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try JSONDecoder().decode(Parsed.self, from: Data(result.stdout.utf8))
        #expect(parsed.subject == report.emailSubject)
        #expect(parsed.subject.contains { $0.unicodeScalars.first.map { (0xAC00...0xD7A3).contains($0.value) } ?? false })
        #expect(parsed.ascii_only)  // RFC 2047 subject and base64 bodies: any relay passes it
        #expect(parsed.message_id == "<\(entry.record.id)@daejeon-tp.example>")
        #expect(parsed.to == "finance@daejeon-tp.example, tft-lead@daejeon-tp.example")
        #expect(parsed.date.hasSuffix("+0900"))
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(parsed.parts.allSatisfy { $0.charset?.lowercased() == "utf-8" })
        #expect(parsed.parts.first?.content.trimmingCharacters(in: .whitespacesAndNewlines) == report.emailText.trimmingCharacters(in: .whitespacesAndNewlines))
        // The HTML alternative is the e-mail version (inline styles, bars as tables), not the browser page:
        // mail clients strip SVG and scripts, and the browser page's size is what made a 41 MB e-mail.
        let html = try #require(parsed.parts.last?.content)
        #expect(html.trimmingCharacters(in: .whitespacesAndNewlines) == report.emailHTML.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(report.html.lowercased().contains("<svg"), "the fixture's browser report has charts, so the check below can fail")
        #expect(!html.lowercased().contains("<svg"))
        #expect(!html.lowercased().contains("<script"))

        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("1.envelope.json"))) as? [String: Any])
        #expect(envelope["mail_from"] as? String == "tft@daejeon-tp.example")
        #expect(envelope["rcpt_tos"] as? [String] == ["finance@daejeon-tp.example", "tft-lead@daejeon-tp.example"])
        #expect(envelope["login"] as? String == "tft")
    }

    @Test func aWrongPasswordFailsAtOnceAndTheErrorDoesNotShowIt() throws {
        let folder = try TemporaryDirectory("smtp")
        let sink = try FixtureServer("smtp_sink.py", arguments: [folder.path, "tft", "right-password"])
        let channel = Channel(name: "weekly-mail", minSeverity: nil, endpoint: EmailChannel(
            server: SMTPServer(url: "smtp://127.0.0.1:\(sink.port)", startTLS: .off, username: "tft", password: "wrong-password-123"),
            from: "tft@daejeon-tp.example", to: ["finance@daejeon-tp.example"], timeZone: .current), secrets: ["wrong-password-123"])
        let ledger = try Sample.ledger()
        _ = try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: try Sample.report(), channels: [channel], force: false,
                                               now: "2009-06-29T00:00:00Z", logger: Sample.logger)
        let recorder = SleepRecorder()
        let summary = try Dispatcher(ledger: ledger, channels: [channel],
                                     transport: DeliveryTransport(redactor: Redactor(secrets: channel.secrets)),
                                     clock: recorder.clock, logger: Sample.logger).dispatchPending()
        #expect(summary.failed.count == 1)
        #expect(recorder.slept.isEmpty)
        let row = try #require(try ledger.deliveries().first)
        #expect(row.lastError?.contains("535") == true)
        #expect(row.lastError?.contains("wrong-password-123") == false)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("1.eml").path))
    }
}

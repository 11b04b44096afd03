import Budget
import Crypto
import Foundation
import Reporting
import Testing
import Transport
@testable import Delivery

struct PayloadTests {
    @Test func signatureMatchesTheStandardWebhooksTestVector() throws {
        // The spec's published vector (also the reference libraries' test).
        let signer = try #require(StandardWebhookSignature(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let signature = signer.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test(arguments: ["", "whsec_", "whsec_not base64!", "whsec_c2hvcnQ="])
    func unusableSecretsAreRejected(_ secret: String) {
        #expect(StandardWebhookSignature(secret: secret) == nil)
    }

    /// A rerun's payload differs only by its generation time: its digest must not, or the outbox sends it twice.
    @Test(arguments: [
        ("{\"at\":\"T1\",\"x\":1}", "{\"at\":\"T2\",\"x\":1}", true),
        ("T1 보고서 T1", "T2 보고서 T2", true),
        ("{\"at\":\"T1\",\"x\":1}", "{\"at\":\"T2\",\"x\":2}", false),
        ("T1", "T2", true),
    ])
    func theDigestLeavesOutTheGenerationTimeOnly(_ first: String, _ second: String, _ same: Bool) {
        let time1 = "2009-06-29T09:00:00+09:00", time2 = "2009-06-29T09:05:17+09:00"
        let a = DeliveryPayload(body: Data(first.replacingOccurrences(of: "T1", with: time1).utf8), contentType: "text/plain", volatile: [time1])
        let b = DeliveryPayload(body: Data(second.replacingOccurrences(of: "T2", with: time2).utf8), contentType: "text/plain", volatile: [time2])
        #expect((a.digest == b.digest) == same)
        // Independently: the SHA-256 of the body with the time removed.
        let expected = SHA256.hash(data: Data(first.replacingOccurrences(of: "T1", with: "").utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(a.digest == expected)
    }

    @Test func mrkdwnEscapesTheThreeControlCharacters() {
        #expect(SlackMessage.escape("R&D <사업> 1>0") == "R&amp;D &lt;사업&gt; 1&gt;0")
    }

    @Test func clippingNeverSplitsACharacterOrAnEscape() {
        let text = String(repeating: "가👩‍👩‍👧&", count: 100)
        for limit in [1, 2, 5, 9, 13, 50, 301] {
            let clipped = SlackMessage.clipped(text, to: limit)
            #expect(clipped.utf16.count <= limit)
            #expect(clipped.hasSuffix("…"))
            let body = String(clipped.dropLast())
            // Whole characters and whole escapes only: every piece is one of the three the text is made of.
            #expect(body.replacingOccurrences(of: "가", with: "").replacingOccurrences(of: "👩‍👩‍👧", with: "")
                .replacingOccurrences(of: "&amp;", with: "").isEmpty)
        }
    }

    @Test func slackMessageOfTheDemoWeekIsValidAndEscaped() throws {
        let report = try Sample.report()
        let message = try #require(try JSONSerialization.jsonObject(with: SlackMessage(report.document).body) as? [String: Any])
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect((message["text"] as? String)?.contains("2009-W26") == true)
        #expect(blocks.count <= SlackMessage.blockLimit)
        let texts = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
        #expect(texts.allSatisfy { $0.utf16.count <= SlackMessage.sectionLimit })
        if let first = report.document.findings.first {
            #expect(texts.joined().contains(SlackMessage.escape(String(first.message.prefix(10)))))
        }
    }

    /// Every string a chat payload shows, in order.
    private func strings(_ body: Data) throws -> [String] {
        func walk(_ value: Any) -> [String] {
            switch value {
            case let text as String: [text]
            case let array as [Any]: array.flatMap(walk)
            case let object as [String: Any]: object.keys.sorted().flatMap { walk(object[$0]!) }
            default: []
            }
        }
        return walk(try JSONSerialization.jsonObject(with: body))
    }

    @Test func oneSeverityHasOneLabelInMarkdownHTMLSlackAndTeams() throws {
        let report = try Sample.report()
        #expect(report.document.findings.contains { $0.severity == "critical" })
        #expect(report.document.findings.contains { $0.severity == "warning" })
        let outputs = [
            "report.md": report.markdown, "report.html": report.html, "email": report.emailText,
            "slack": try strings(SlackMessage(report.document).body).joined(separator: "\n"),
            "teams": try strings(TeamsCard(report.document).body).joined(separator: "\n"),
        ]
        for (name, text) in outputs {
            #expect(text.contains(Vocabulary.label(Severity.critical)), "\(name) lacks 위험")
            #expect(text.contains(Vocabulary.label(Severity.warning)), "\(name) lacks 주의")
            // The other words once used for critical, and the raw severities, never reach a reader.
            for stray in ["심각", "critical ", "warning "] {
                #expect(!text.contains(stray), "\(name) says \(stray)")
            }
        }
        // A finding's line in chat names its severity and kind in words, then the vocabulary's sentence.
        let first = try #require(report.document.findings.first)
        let slack = try strings(SlackMessage(report.document).body).joined(separator: "\n")
        #expect(slack.contains("*위험 · \(Vocabulary.label(kind: first.kind))"))
        #expect(try strings(TeamsCard(report.document).body).contains { $0.hasPrefix("**위험 · ") && $0.contains(first.message.prefix(20)) })
    }

    @Test func aLongReportIsSummarisedWorstFirstWithinSlackLimits() throws {
        let base = try Sample.report().document
        var findings: [[String: Any]] = []
        for i in 0..<600 {
            let severity = i % 3 == 0 ? "critical" : (i % 3 == 1 ? "warning" : "info")
            findings.append(["kind": "behind", "severity": severity, "program": "RSI2", "project": "P-\(i)",
                             "message": "사업 \(i) <지연> & 👩‍👩‍👧 " + String(repeating: "집행이 늦습니다. ", count: 40)])
        }
        let long = try ReportDocument.decode(try withFindings(base, findings))
        let json = try #require(try JSONSerialization.jsonObject(with: SlackMessage(long).body) as? [String: Any])
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.count <= SlackMessage.blockLimit)
        let sections = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
        #expect(sections.allSatisfy { $0.utf16.count <= SlackMessage.sectionLimit })
        #expect(sections.reduce(0) { $0 + $1.utf16.count } <= SlackMessage.blockBudget)
        #expect(((json["text"] as? String) ?? "").utf16.count <= SlackMessage.textLimit)
        // Worst first: every finding shown is critical (a third of 600 do not all fit), and the rest are counted.
        let shown = sections.joined(separator: "\n").split(separator: "\n").filter { $0.contains(" · 목표 미달 P-") }
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { $0.hasPrefix(":red_circle: *위험 · 목표 미달 P-") })
        let footer = try #require((blocks.last?["elements"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(footer.contains("\(600 - shown.count) more in the full report"))
        #expect(!sections.joined().contains("<지연>"))
        #expect(sections.joined().contains("&lt;지연&gt; &amp;"))
    }

    @Test func teamsCardIsAnAdaptiveCardInTheWorkflowsEnvelope() throws {
        let report = try Sample.report()
        let json = try #require(try JSONSerialization.jsonObject(with: TeamsCard(report.document).body) as? [String: Any])
        #expect(json["type"] as? String == "message")
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["$schema"] as? String == "http://adaptivecards.io/schemas/adaptive-card.json")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect((body.first?["text"] as? String)?.contains("2009-W26") == true)
    }

    @Test func aLongKoreanReportStaysWithinTeamsMessageSize() throws {
        let base = try Sample.report().document
        let findings: [[String: Any]] = (0..<300).map { i in
            ["kind": "behind", "severity": i < 100 ? "critical" : "warning", "program": "RSI2", "project": "P-\(i)",
             "message": "세부사업 \(i): " + String(repeating: "목표 대비 집행이 늦어 조치가 필요합니다. ", count: 12)]
        }
        let long = try ReportDocument.decode(try withFindings(base, findings))
        let body = TeamsCard(long).body
        #expect(body.count <= 28_000)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let card = try #require(((json["attachments"] as? [[String: Any]])?.first)?["content"] as? [String: Any])
        let texts = try #require(card["body"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        let shown = texts.filter { $0.contains("세부사업 ") }.count
        #expect(shown > 0)
        #expect(texts.last?.contains("\(300 - shown) more in the full report") == true)
    }

    @Test func webhookBodyIsReportJSONWithItsMarkdown() throws {
        let report = try Sample.report()
        let body = try #require(try JSONSerialization.jsonObject(with: DeliveryPayload.reportJSON(report)) as? [String: Any])
        let plain = try #require(try JSONSerialization.jsonObject(with: report.json) as? [String: Any])
        #expect(body["markdown"] as? String == report.markdown)
        #expect(Set(body.keys) == Set(plain.keys).union(["markdown"]))
        #expect(body["schema"] as? String == "spendwatch.report/1")
    }

    @Test func digestIgnoresGeneratedAtButNotFigures() throws {
        let channel = try Sample.webhook(url: "http://127.0.0.1:9/")
        let a = channel.payload(for: try Sample.report(generatedAt: "2009-06-29T08:00:00+09:00"))
        let b = channel.payload(for: try Sample.report(generatedAt: "2009-07-06T08:00:00+09:00"))
        let c = channel.payload(for: try Sample.report(adjust: 1_000_000))
        #expect(a.body != b.body)
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
    }

    @Test func koreanSubjectIsEncodedInWholeCharacterWords() throws {
        let subject = "[spendwatch] 2009-W26 조기집행 점검: 심각 3건, 주의 5건 — 지역전략산업진흥사업 목표 대비 부족"
        let encoded = MailHeader.encode(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let bytes = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(data: bytes, encoding: .utf8) != nil)  // each word decodes on its own
            decoded.append(bytes)
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        // Every line of the header, "Subject: " included, within RFC 2047's 76 characters.
        #expect(("Subject: " + encoded).components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(MailHeader.encode("weekly report") == "weekly report")
        #expect(MailHeader.mailbox("TFT <tft@example.org>") == "TFT <tft@example.org>")
        #expect(MailHeader.mailbox("조기집행 TFT <tft@example.org>") == "=?UTF-8?B?\(Data("조기집행 TFT".utf8).base64EncodedString())?= <tft@example.org>")
    }

    @Test(arguments: [
        ("smtps://mail.example.org:465", SMTPServer.StartTLS.off, 3),
        ("smtp://mail.example.org:587", .required, 3),
        ("smtp://mail.example.org:587", .optional, 1),
        ("smtp://127.0.0.1:25", .off, 0),
    ])
    func tlsModeFollowsTheURLAndStartTLS(_ url: String, _ startTLS: SMTPServer.StartTLS, _ useSSL: Int) {
        #expect(SMTPServer(url: url, startTLS: startTLS).useSSL == useSSL)
    }

    @Test func backoffGrowsWithFullJitterAndHonoursRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(8), maxRetryAfter: .seconds(60))
        let full = (1...5).compactMap { policy.delay(afterAttempt: $0, retryAfter: nil, random: 0.999_999) }
        #expect(full.map { Int(($0 / .milliseconds(1)).rounded()) } == [1_000, 2_000, 4_000, 8_000, 8_000])
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0) == .zero)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 7, random: 0.5) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3_600, random: 0.5) == nil)
    }

    private func withFindings(_ document: ReportDocument, _ findings: [[String: Any]]) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: document.encoded()) as? [String: Any])
        object["findings"] = findings
        return try JSONSerialization.data(withJSONObject: object)
    }
}

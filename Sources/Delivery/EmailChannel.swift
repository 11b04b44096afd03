import Foundation
import Ledger
import Reporting
import Transport

/// The weekly report by e-mail through libcurl's SMTP: text and HTML alternatives, RFC 2047 Korean subject.
public struct EmailChannel: Sendable {
    /// What the outbox stores for an e-mail: the content, not the envelope, so a retry rebuilds the same message.
    struct Content: Codable, Sendable {
        let subject: String
        let text: String
        let html: String
    }

    public let server: SMTPServer
    public let from: String
    public let to: [String]
    public let timeZone: TimeZone

    public init(server: SMTPServer, from: String, to: [String], timeZone: TimeZone) {
        self.server = server
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    func payload(for report: RenderedReport) -> DeliveryPayload {
        let content = Content(subject: report.emailSubject, text: report.emailText, html: report.emailHTML)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(content)) ?? Data()
        return DeliveryPayload(body: body, contentType: "application/vnd.spendwatch.email+json",
                               volatile: [report.document.generatedAt])
    }

    /// The message for a stored delivery; its Message-ID carries the key, so a resent duplicate is recognisable.
    func message(for record: DeliveryRecord, now: Date) throws -> EmailMessage {
        let content = try JSONDecoder().decode(Content.self, from: record.payload)
        return EmailMessage(from: from, to: to, subject: content.subject, text: content.text, html: content.html,
                            messageID: "\(record.id)@\(MailHeader.domain(from))", date: now, timeZone: timeZone)
    }

    /// SMTP 4xx and lost connections are retried; SMTP 5xx (unknown mailbox, authentication refused) is final.
    func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        let mail: EmailMessage
        do {
            mail = try message(for: record, now: now)
        } catch {
            return .refused(reason: "the stored e-mail could not be read: \(error)", status: nil)
        }
        do {
            try transport.smtp.send(mail, via: server)
            return .delivered(status: 250)
        } catch {
            switch error {
            case let .status(url, reply, text, _) where reply >= 500:
                return .refused(reason: "\(url) answered SMTP \(reply): \(text)", status: reply)
            case let .status(url, reply, text, _):
                return .retry(reason: "\(url) answered SMTP \(reply): \(text)", status: reply, retryAfter: nil)
            case .transfer, .setup:
                return AttemptOutcome.of(error)
            }
        }
    }
}

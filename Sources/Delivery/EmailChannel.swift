import Foundation
import Ledger
import Reporting
import Transport

/// The weekly report by e-mail through libcurl's SMTP: text and HTML alternatives, RFC 2047 Korean subject.
public struct EmailChannel: ChannelKind {
    public static let kind = "email"
    public static let fields = ["smtp_url", "smtp_url_env", "starttls", "username_env", "password_env", "from", "to"]

    /// What the outbox stores for an e-mail: the content, not the envelope, so a retry rebuilds the same message.
    struct Content: Codable, Sendable {
        let subject: String
        let text: String
        let html: String
        /// `projects.csv`, the complete table the message lists only part of. Optional: older outbox rows have none.
        var attachments: [EmailAttachment]? = nil
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

    public static func make(_ config: inout ChannelFieldReader) -> EmailChannel? {
        let url = config.url("smtp_url")
        if let url, !(url.lowercased().hasPrefix("smtp://") || url.lowercased().hasPrefix("smtps://")) {
            config.problem(config.urlField("smtp_url"), "must be an smtp:// (STARTTLS) or smtps:// (implicit TLS) URL")
        }
        var startTLS = SMTPServer.StartTLS.required
        if let raw = config.field("starttls") {
            if let parsed = SMTPServer.StartTLS(rawValue: raw) { startTLS = parsed } else {
                config.problem("starttls", "'\(raw)' is not one of required, optional, off")
            }
        }
        let username = config.secret("username_env", required: false)
        let password = config.secret("password_env", required: false)
        if (username == nil) != (password == nil), config.problems.isEmpty {
            config.problem(username == nil ? "username_env" : "password_env", "a user name and a password go together (username_env or _file, password_env or _file)")
        }
        let from = config.field("from")
        if from == nil { config.problem("from", "required: the sender address, e.g. tft@example.org") }
        let to = config.list("to") ?? []
        if to.isEmpty { config.problem("to", "required: one or more recipient addresses") }
        for address in [from].compactMap({ $0 }) + to {
            let field = address == from ? "from" : "to"
            // A CR or LF in an address would end the SMTP command or the header line it is written into and
            // let the config (or whoever fills its variables) add recipients or headers.
            if address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                config.problem(field, "'\(address.debugDescription.dropFirst().dropLast())' holds a control character (a line break?); an address is one line")
            } else if !MailHeader.address(address).contains("@") {
                config.problem(field, "'\(address)' is not an e-mail address")
            }
        }
        guard let url, let from, !to.isEmpty else { return nil }
        return EmailChannel(server: SMTPServer(url: url, startTLS: startTLS, username: username, password: password),
                            from: from, to: to, timeZone: config.timeZone)
    }

    public func payload(for report: RenderedReport) -> DeliveryPayload {
        let table = EmailAttachment(fileName: "projects-\(report.document.week).csv", contentType: "text/csv; charset=UTF-8",
                                    data: report.projectsCSV)
        let content = Content(subject: report.emailSubject, text: report.emailText, html: report.emailHTML, attachments: [table])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(content)) ?? Data()
        return DeliveryPayload(body: body, contentType: "application/vnd.spendwatch.email+json",
                               volatile: [report.document.generatedAt])
    }

    public func payload(for notice: FailureNotice) -> DeliveryPayload {
        let html = "<!doctype html><html><body><pre style=\"font-family:sans-serif;white-space:pre-wrap\">"
            + notice.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;") + "</pre></body></html>"
        let content = Content(subject: notice.title, text: notice.text, html: html)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return DeliveryPayload(body: (try? encoder.encode(content)) ?? Data(), contentType: "application/vnd.spendwatch.email+json",
                               volatile: [])
    }

    /// The message for a stored delivery; its Message-ID carries the key, so a resent duplicate is recognisable.
    func message(for record: DeliveryRecord, now: Date) throws -> EmailMessage {
        let content = try JSONDecoder().decode(Content.self, from: record.payload)
        return EmailMessage(from: from, to: to, subject: content.subject, text: content.text, html: content.html,
                            messageID: "\(record.id)@\(MailHeader.domain(from))", date: now, timeZone: timeZone,
                            attachments: content.attachments ?? [])
    }

    /// SMTP 4xx and lost connections are retried; SMTP 5xx (unknown mailbox, authentication refused) is final.
    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
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

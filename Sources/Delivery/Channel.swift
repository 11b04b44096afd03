import Budget
import Foundation
import Ledger
import Reporting

/// One configured, validated delivery channel.
public struct Channel: Sendable {
    public enum Endpoint: Sendable {
        case webhook(WebhookChannel)
        case slack(SlackChannel)
        case teams(TeamsChannel)
        case email(EmailChannel)
        case file(FileChannel)
    }

    public let name: String
    /// An alert channel: it gets the week only when a finding reaches this severity. Nil: a report channel, always.
    public let minSeverity: Severity?
    public let endpoint: Endpoint
    /// Values of this channel that must never be logged (URLs with tokens, passwords, signing secrets).
    public let secrets: [String]

    public init(name: String, minSeverity: Severity?, endpoint: Endpoint, secrets: [String] = []) {
        self.name = name
        self.minSeverity = minSeverity
        self.endpoint = endpoint
        self.secrets = secrets
    }

    public var kind: String {
        switch endpoint {
        case .webhook: "webhook"
        case .slack: "slack"
        case .teams: "teams"
        case .email: "email"
        case .file: "file"
        }
    }

    /// Whether this channel gets the week: a report channel always; an alert channel when a finding reaches its level.
    public func isDue(_ document: ReportDocument) -> Bool {
        guard let minSeverity else { return true }
        return document.findings.contains { (Severity(rawValue: $0.severity) ?? .info) >= minSeverity }
    }

    /// What this channel receives for the week.
    public func payload(for report: RenderedReport) -> DeliveryPayload {
        switch endpoint {
        case let .webhook(c): c.payload(for: report)
        case let .slack(c): c.payload(for: report)
        case let .teams(c): c.payload(for: report)
        case let .email(c): c.payload(for: report)
        case let .file(c): c.payload(for: report)
        }
    }

    /// One attempt to hand `record` over.
    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        switch endpoint {
        case let .webhook(c): c.send(record, via: transport, now: now)
        case let .slack(c): c.send(record, via: transport, now: now)
        case let .teams(c): c.send(record, via: transport, now: now)
        case let .email(c): c.send(record, via: transport, now: now)
        case let .file(c): c.send(record, now: now)
        }
    }
}

import Budget
import Foundation
import Ledger
import Reporting

/// One configured, validated delivery channel.
public struct Channel: Sendable {
    public let name: String
    /// An alert channel: it gets the week only when a finding reaches this severity. Nil: a report channel, always.
    public let minSeverity: Severity?
    /// The kind's own typed settings (URL, signing key, SMTP server, folder…), which also send.
    public let endpoint: any ChannelKind
    /// Values of this channel that must never be logged (URLs with tokens, passwords, signing secrets).
    public let secrets: [String]
    /// `owners:`: the channel gets only these owners' rows, totals and action list. Nil: the whole report.
    public let owners: [String]?

    public init(name: String, minSeverity: Severity?, endpoint: any ChannelKind, secrets: [String] = [], owners: [String]? = nil) {
        self.name = name
        self.minSeverity = minSeverity
        self.endpoint = endpoint
        self.secrets = secrets
        self.owners = owners
    }

    public var kind: String { type(of: endpoint).kind }

    /// Whether this channel gets the week: a report channel always; an alert channel when a finding reaches its level
    /// and no acknowledgement mutes it (`spendwatch ack`; one whose severity rose since alerts again).
    public func isDue(_ document: ReportDocument) -> Bool {
        guard let minSeverity else { return true }
        return document.findings.contains {
            (Severity(rawValue: $0.severity) ?? .info) >= minSeverity && $0.acknowledged?.muted != true
        }
    }

    /// What this channel receives for the week.
    public func payload(for report: RenderedReport) -> DeliveryPayload { endpoint.payload(for: report) }

    /// One attempt to hand `record` over.
    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        endpoint.send(record, via: transport, now: now)
    }
}

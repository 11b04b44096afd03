import Foundation
import Ledger
import Reporting

/// A Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received").
public struct TeamsChannel: ChannelKind {
    public static let kind = "teams"
    public static let fields = ["url", "url_env"]

    public let url: String

    public init(url: String) { self.url = url }

    public static func make(_ config: inout ChannelFieldReader) -> TeamsChannel? {
        config.httpURL().map { TeamsChannel(url: $0) }
    }

    public func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: TeamsCard(report.document).body, contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    public func payload(for notice: FailureNotice) -> DeliveryPayload {
        DeliveryPayload(body: TeamsCard.notice(notice), contentType: "application/json", volatile: [])
    }

    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        transport.post(url: url, key: record.id, body: record.payload, now: now)
    }
}

import Foundation
import Ledger
import Reporting

/// A Slack incoming webhook (the URL carries the token and is kept secret).
public struct SlackChannel: Sendable {
    public let url: String

    public init(url: String) { self.url = url }

    func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: SlackMessage(report.document).body, contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        transport.post(url: url, key: record.id, body: record.payload, now: now)
    }
}

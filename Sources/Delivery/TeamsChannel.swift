import Foundation
import Ledger
import Reporting

/// A Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received").
public struct TeamsChannel: Sendable {
    public let url: String

    public init(url: String) { self.url = url }

    func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: TeamsCard(report.document).body, contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        transport.post(url: url, key: record.id, body: record.payload, now: now)
    }
}

import Foundation
import Ledger
import Reporting

/// The generic webhook: report.json (plus its Markdown) POSTed as JSON, signed per Standard Webhooks.
public struct WebhookChannel: Sendable {
    public let url: String
    public let signature: StandardWebhookSignature

    public init(url: String, signature: StandardWebhookSignature) {
        self.url = url
        self.signature = signature
    }

    func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: DeliveryPayload.reportJSON(report), contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    /// Sends with `webhook-id` = the delivery's key, so a receiver can drop a repeat; the timestamp is the attempt's.
    func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        let timestamp = Int(now.timeIntervalSince1970)
        return transport.post(url: url, key: record.id, body: record.payload,
                              headers: signature.headers(id: record.id, timestamp: timestamp, body: record.payload), now: now)
    }
}

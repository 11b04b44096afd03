import Foundation
import Ledger
import Reporting

/// The generic webhook: report.json (plus its Markdown) POSTed as JSON, signed per Standard Webhooks.
public struct WebhookChannel: ChannelKind {
    public static let kind = "webhook"
    public static let fields = ["url", "url_env", "secret_env"]

    public let url: String
    public let signature: StandardWebhookSignature

    public init(url: String, signature: StandardWebhookSignature) {
        self.url = url
        self.signature = signature
    }

    public static func make(_ config: inout ChannelFieldReader) -> WebhookChannel? {
        let url = config.httpURL()
        guard let secret = config.secret("secret_env", required: true) else { return nil }
        guard let signature = StandardWebhookSignature(secret: secret) else {
            config.problem("secret_env", "the secret in \(config.field("secret_env") ?? "") must be whsec_ followed by at least 16 bytes in base64 (the Standard Webhooks format)")
            return nil
        }
        return url.map { WebhookChannel(url: $0, signature: signature) }
    }

    public func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: DeliveryPayload.reportJSON(report), contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    /// Sends with `webhook-id` = the delivery's key, so a receiver can drop a repeat; the timestamp is the attempt's.
    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        let timestamp = Int(now.timeIntervalSince1970)
        return transport.post(url: url, key: record.id, body: record.payload,
                              headers: signature.headers(id: record.id, timestamp: timestamp, body: record.payload), now: now)
    }
}

import Foundation
import Ledger
import Reporting

/// A Slack incoming webhook (the URL carries the token and is kept secret).
public struct SlackChannel: ChannelKind {
    public static let kind = "slack"
    public static let fields = ["url", "url_env"]

    public let url: String

    public init(url: String) { self.url = url }

    public static func make(_ config: inout ChannelFieldReader) -> SlackChannel? {
        config.httpURL().map { SlackChannel(url: $0) }
    }

    public func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: SlackMessage(report.document).body, contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    public func payload(for notice: FailureNotice) -> DeliveryPayload {
        let body = JSONValue.object(["text": .string(SlackMessage.clipped(notice.text, to: SlackMessage.sectionLimit))])
        return DeliveryPayload(body: body.encoded(), contentType: "application/json", volatile: [])
    }

    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        transport.post(url: url, key: record.id, body: record.payload, now: now)
    }
}

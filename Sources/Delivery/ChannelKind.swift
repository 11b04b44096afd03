import Foundation
import Ledger
import Reporting

/// One kind of delivery channel: its name in the config, the fields it reads, what it is sent and how.
///
/// A new kind is one type conforming to this and one line in `ChannelKinds.all`.
public protocol ChannelKind: Sendable {
    /// The config's `kind:` value, e.g. `slack`.
    static var kind: String { get }
    /// The config fields this kind reads, besides `name`, `kind` and `min_severity`.
    static var fields: [String] { get }
    /// Builds the channel from its config; what is wrong goes to `config`'s problems and the result is nil.
    static func make(_ config: inout ChannelFieldReader) -> Self?

    /// What this channel receives for the week (stored in the outbox before it is sent).
    func payload(for report: RenderedReport) -> DeliveryPayload
    /// What this channel receives when it is named in `on_failure` and a run fails.
    func payload(for notice: FailureNotice) -> DeliveryPayload
    /// One attempt to hand a stored delivery over.
    func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome
}

extension ChannelKind {
    /// The generic JSON notice, for kinds whose receivers read JSON as it is (webhook, file).
    public func payload(for notice: FailureNotice) -> DeliveryPayload {
        DeliveryPayload(body: notice.json, contentType: "application/json", volatile: [])
    }
}

/// Every channel kind spendwatch knows, in the order `validate` and error messages list them.
public enum ChannelKinds {
    public static let all: [any ChannelKind.Type] = [
        WebhookChannel.self,
        SlackChannel.self,
        TeamsChannel.self,
        EmailChannel.self,
        FileChannel.self,
    ]

    static func named(_ kind: String) -> (any ChannelKind.Type)? { all.first { $0.kind == kind } }
}

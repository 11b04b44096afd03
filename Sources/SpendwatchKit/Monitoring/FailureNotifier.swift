import Delivery
import Foundation
import Ledger
import Logging
import Reporting

/// Tells the `on_failure` channels that a run failed: through the outbox when the ledger is open (so a notice
/// that cannot go out now is retried by the next run or `deliver --pending`), else one direct attempt.
struct FailureNotifier: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    func notify(_ notice: FailureNotice, ledger: Ledger?) {
        guard !loaded.noticeChannels.isEmpty else { return }
        let transport = DeliveryTransport(timeouts: context.timeouts, redactor: loaded.redactor)
        let stamp = DeliveryClock().stamp(context.now())
        for channel in loaded.noticeChannels {
            let payload = channel.endpoint.payload(for: notice)
            let meta: Logger.Metadata = ["channel": "\(channel.name)"]
            if let ledger {
                do {
                    let (record, _) = try ledger.enqueueDelivery(
                        baseKey: "notice_\(notice.runID.map(String.init) ?? "0")_\(Self.compact(stamp))",
                        week: notice.week ?? "-", channel: channel.name, digest: payload.digest, payload: payload.body,
                        contentType: payload.contentType, force: true, now: stamp)
                    let status = try Dispatcher(ledger: ledger, channels: [channel], transport: transport,
                                                clock: DeliveryClock(now: context.now), logger: context.logger).dispatch(record)
                    context.logger.info("failure notice to \(channel.name): \(status.rawValue)", metadata: meta)
                    continue
                } catch {
                    context.logger.warning("the ledger could not hold the failure notice (\(error)); sending it directly", metadata: meta)
                }
            }
            let record = DeliveryRecord.unstored(id: "notice_\(Self.compact(stamp))", week: notice.week ?? "-", channel: channel.name,
                                                 payload: payload.body, contentType: payload.contentType, digest: payload.digest, now: stamp)
            switch channel.send(record, via: transport, now: context.now()) {
            case .delivered: context.logger.info("failure notice to \(channel.name): sent", metadata: meta)
            case let .refused(reason, _), let .retry(reason, _, _):
                context.logger.error("failure notice to \(channel.name) not delivered: \(loaded.redactor.redact(reason))", metadata: meta)
            }
        }
    }

    /// `2009-06-29T08:00:00Z` as `20090629T080000Z`: a key part without `:`, which some receivers refuse in ids.
    static func compact(_ stamp: String) -> String { stamp.filter { $0.isLetter || $0.isNumber } }
}

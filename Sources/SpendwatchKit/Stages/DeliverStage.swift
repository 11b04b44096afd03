import Delivery
import Ledger
import Transport

/// Stage 6, deliver: what the outbox holds goes out through the channels, with retries.
struct DeliverStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    /// Sends every pending delivery of the ledger (this week's and any left by earlier runs). What stays
    /// pending makes the run exit 75; what was refused for good, 76, so cron notices.
    func run(ledger: Ledger) throws -> Dispatcher.Summary {
        let transport = DeliveryTransport(timeouts: context.timeouts, redactor: loaded.redactor)
        let summary = try Dispatcher(ledger: ledger, channels: loaded.channels + loaded.noticeChannels, transport: transport,
                                     clock: DeliveryClock(now: context.now), logger: context.logger).dispatchPending()
        if !summary.pending.isEmpty {
            context.logger.warning("\(summary.pending.count) delivery(ies) left pending; they go out with the next run or `spendwatch deliver --pending`")
        }
        if !summary.failed.isEmpty {
            context.logger.error("\(summary.failed.count) delivery(ies) refused for good; fix the channel (the reason is logged above and in `spendwatch history`), then rerun the week: it resends under the same key")
        }
        return summary
    }
}

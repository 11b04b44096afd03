import Delivery
import Foundation
import Ledger
import Logging
import Reporting
import Transport

/// The run's last stage: the week's payloads into the outbox, then the outbox out through the channels.
struct DeliveryStage: Sendable {
    let channels: [Channel]
    let context: RunContext
    let transport: DeliveryTransport

    /// Validates the channels (exit 78 with every problem named) and learns their secrets before anything is logged.
    init(loaded: LoadedConfig, context: RunContext) throws {
        channels = try Channel.all(loaded.config, environment: context.environment)
        let secrets = loaded.config.secrets + channels.flatMap(\.secrets)
        LogOutput.remember(secrets: secrets)
        self.context = context
        transport = DeliveryTransport(timeouts: context.timeouts, redactor: Redactor(secrets: secrets))
    }

    /// Queues the week for every due channel and sends what the outbox holds; says how many stay pending in
    /// the whole outbox and how many this dispatch saw refused for good: either makes the run exit 75, so
    /// cron notices. A dry run only says what it would do: no row is written, nothing is sent.
    func run(week: String, rendered: RenderedReport, ledger: Ledger, dryRun: Bool, force: Bool) throws -> (pending: Int, refused: Int) {
        guard !channels.isEmpty else { return (0, 0) }
        if dryRun {
            preview(week: week, rendered: rendered, ledger: ledger, force: force)
            return (0, 0)
        }
        _ = try Outbox(ledger: ledger).enqueue(week: week, report: rendered, channels: channels, force: force,
                                               now: DeliveryClock().stamp(context.now()), logger: context.logger)
        let summary = try dispatchPending(ledger: ledger)
        return (summary.pending.count, summary.failed.count)
    }

    /// Sends every pending delivery of the ledger (this week's and any left by earlier runs).
    func dispatchPending(ledger: Ledger) throws -> Dispatcher.Summary {
        let summary = try Dispatcher(ledger: ledger, channels: channels, transport: transport,
                                     clock: DeliveryClock(now: context.now), logger: context.logger).dispatchPending()
        if !summary.pending.isEmpty {
            context.logger.warning("\(summary.pending.count) delivery(ies) left pending; they go out with the next run or `spendwatch deliver --pending`")
        }
        if !summary.failed.isEmpty {
            context.logger.error("\(summary.failed.count) delivery(ies) refused for good; fix the channel (the reason is logged above and in `spendwatch history`), then rerun the week: it resends under the same key")
        }
        return summary
    }

    private func preview(week: String, rendered: RenderedReport, ledger: Ledger, force: Bool) {
        let known = (try? ledger.deliveries(week: week)) ?? []
        for channel in channels {
            guard channel.isDue(rendered.document) else {
                context.logger.info("dry run: nothing for \(channel.name) (no finding reaches \(channel.minSeverity?.rawValue ?? ""))")
                continue
            }
            let digest = channel.payload(for: rendered).digest
            let latest = known.last { $0.channel == channel.name && $0.status != .superseded }
            let verb = !force && latest?.contentDigest == digest && latest?.status == .sent ? "would skip (already delivered)" : "would send"
            context.logger.info("dry run: \(verb) \(channel.kind) \(channel.name) for \(week); nothing sent, no delivery state changed")
        }
    }
}

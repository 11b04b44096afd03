import Delivery
import Foundation
import Ledger
import Reporting

/// Stage 5, outbox: the week's payload for every due channel stored in the ledger, with its key, before anything is sent.
struct OutboxStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    /// Queues the week; a dry run only says what it would do: no row is written.
    /// A channel with `owners:` gets its entry of `ownerReports` instead of the full report.
    func run(week: String, rendered: RenderedReport, ledger: Ledger, dryRun: Bool, force: Bool,
             ownerReports: [String: RenderedReport] = [:]) throws {
        guard !loaded.channels.isEmpty else { return }
        if dryRun { return preview(week: week, rendered: rendered, ledger: ledger, force: force, ownerReports: ownerReports) }
        _ = try Outbox(ledger: ledger).enqueue(week: week, report: rendered, channels: loaded.channels, force: force,
                                               now: DeliveryClock().stamp(context.now()), logger: context.logger,
                                               ownerReports: ownerReports)
    }

    private func preview(week: String, rendered fullReport: RenderedReport, ledger: Ledger, force: Bool,
                         ownerReports: [String: RenderedReport]) {
        let known = (try? ledger.deliveries(week: week)) ?? []
        for channel in loaded.channels {
            let rendered = ownerReports[channel.name] ?? fullReport
            guard channel.isDue(rendered.document) else {
                context.logger.info("dry run: nothing for \(channel.name) (no finding reaches \(channel.minSeverity?.rawValue ?? "") that is not acknowledged)")
                continue
            }
            let digest = channel.payload(for: rendered).digest
            let latest = known.last { $0.channel == channel.name && $0.status != .superseded }
            let verb = !force && latest?.contentDigest == digest && latest?.status == .sent ? "would skip (already delivered)" : "would send"
            context.logger.info("dry run: \(verb) \(channel.kind) \(channel.name) for \(week); nothing sent, no delivery state changed")
        }
    }
}

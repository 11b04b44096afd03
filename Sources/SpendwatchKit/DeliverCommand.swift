import ArgumentParser
import Foundation

/// `spendwatch deliver --pending`: sends what the outbox still holds, with the keys it was stored under.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Send the deliveries the outbox still holds (exit 75 while some stay pending).")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Send every pending delivery in the ledger.")
    var pending = false

    func validate() throws {
        guard pending else { throw ValidationError("say --pending: deliver sends what earlier runs left in the outbox") }
    }

    func run() throws {
        let context = common.context()
        try exitingOnFailure(context.logger) {
            let loaded = try LoadedConfig.load(path: common.configPath, context: context)
            let stage = try DeliveryStage(loaded: loaded, context: context)
            // The outbox is the run's too: sending it while a run delivers could send a row twice.
            let lock = try loaded.acquireRunLock()
            defer { lock.release() }
            let summary = try stage.dispatchPending(ledger: try loaded.openLedger())
            print("sent \(summary.sent.count), failed \(summary.failed.count), pending \(summary.pending.count)")
            return summary.pending.isEmpty && summary.failed.isEmpty ? .done : .tryAgainLater
        }
    }
}

import ArgumentParser
import Foundation
import SpendwatchKit

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
            let summary = try PendingDelivery(context: context).run(configPath: common.configPath)
            print("sent \(summary.sent.count), failed \(summary.failed.count), pending \(summary.pending.count)")
            return ExitStatus.ofDeliveries(pending: summary.pending.count, refused: summary.failed.count) ?? .done
        }
    }
}

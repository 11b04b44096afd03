import ArgumentParser
import Budget
import Foundation
import Ledger

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show runs, findings, restated figures and deliveries from the ledger.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var common: CommonOptions

    @Option(help: "Only this ISO week, with every finding's message.")
    var week: ISOWeek?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let context = common.context()
        try exitingOnFailure(context.logger) {
            let loaded = try LoadedConfig.load(path: common.configPath, context: context)
            let ledger: Ledger
            if let url = loaded.config.ledger, Ledger.isPostgres(url) {
                guard try PostgresStore.ledgerExists(url: url) else {
                    throw RunError.noLedger(path: PostgresConnection.hidePassword(url))
                }
                ledger = try Ledger(url: url)
            } else {
                let path = try loaded.ledgerPath()
                // Reading history must not create a ledger that no run has made.
                guard FileManager.default.fileExists(atPath: path) else {
                    throw RunError.noLedger(path: path)
                }
                ledger = try Ledger(path: path)
            }
            let history = try LedgerHistory(ledger: ledger, week: week)
            switch format {
            case .text: print(history.text(detail: week != nil), terminator: "")
            case .json: print(String(decoding: try history.json(), as: UTF8.self))
            }
            return .done
        }
    }
}

import ArgumentParser
import Budget
import Foundation
import SpendwatchKit

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
            // Reading history must not create a ledger that no run has made.
            let history = try HistoryQuery(context: context).run(configPath: common.configPath, week: week)
            switch format {
            case .text: print(history.text(detail: week != nil), terminator: "")
            case .json: print(String(decoding: try history.json(), as: UTF8.self))
            }
            return .done
        }
    }
}

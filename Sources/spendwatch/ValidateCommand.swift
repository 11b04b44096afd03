import ArgumentParser
import Foundation
import SpendwatchKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check config, plan, templates, channels and source without side effects; exit 0 only when all is well.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = common.context()
        let result = Validation(context: context).check(configPath: common.configPath)
        for line in result.lines { print(line) }
        if !result.problems.isEmpty {
            print("\(result.problems.count) problem\(result.problems.count == 1 ? "" : "s"); nothing was changed.")
            throw ExitCode(result.status.rawValue)
        }
    }
}

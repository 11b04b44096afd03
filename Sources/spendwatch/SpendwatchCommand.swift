import ArgumentParser
import Foundation
import Logging
import SpendwatchKit

/// `spendwatch`: the weekly early-execution check of the budget.
struct SpendwatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spendwatch",
        abstract: "Weekly budget early-execution (조기집행) monitoring: compare, report, deliver.",
        version: BuildInfo.line,
        subcommands: [RunCommand.self, ValidateCommand.self,
                      DeliverCommand.self, BackfillCommand.self, HistoryCommand.self, AckCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $SPENDWATCH_CONFIG or ./spendwatch.yml).")
    var config: String?

    @Option(name: .long, help: "Log format: text or json.")
    var logFormat: LogOutput.Format = .text

    @Flag(name: .long, help: "Log debug detail.")
    var verbose = false

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["SPENDWATCH_CONFIG"] ?? "spendwatch.yml"
    }

    /// The process's environment, clock and logger; the secrets the run learns are redacted from every log line.
    func context() -> RunContext {
        LogOutput.bootstrap(format: logFormat, level: verbose ? .debug : .info)
        return RunContext(learnSecrets: { LogOutput.remember(secrets: $0) })
    }
}

/// Runs `body`, logging a failure in words a finance officer can act on and exiting with its sysexits code.
func exitingOnFailure(_ logger: Logger, _ body: () throws -> ExitStatus) throws {
    let status: ExitStatus
    do {
        status = try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        status = ExitStatus.of(error)
        logger.error("\(String(describing: error))")
    }
    if status != .done { throw ExitCode(status.rawValue) }
}

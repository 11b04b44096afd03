import ArgumentParser
import Budget
import Foundation
import Ledger
import Logging
import Reporting

/// `spendwatch`: the weekly early-execution check of the budget.
public struct SpendwatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "spendwatch",
        abstract: "Weekly budget early-execution (조기집행) monitoring: compare, report, deliver.",
        subcommands: [RunCommand.self, ValidateCommand.self,
                      DeliverCommand.self, BackfillCommand.self, HistoryCommand.self],
        defaultSubcommand: RunCommand.self)

    public init() {}
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

    func context() -> RunContext {
        LogOutput.bootstrap(format: logFormat, level: verbose ? .debug : .info)
        return RunContext()
    }
}

extension LogOutput.Format: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {}

extension ISOWeek: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
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

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Report one week (default: the last complete week).")

    @OptionGroup var common: CommonOptions

    @Option(help: "ISO week to report, e.g. 2009-W12.")
    var week: ISOWeek?

    @Flag(help: "Render and write reports, send nothing, change no delivery state.")
    var dryRun = false

    @Flag(help: "Resend a week that was already delivered.")
    var force = false

    @Option(help: "Write reports to DIR/<week>/ instead of the config's output folder.")
    var out: String?

    @Option(help: "Exit 1 when a finding reaches this severity (warning or critical).")
    var failOn: Severity?

    @Option(help: "What started the run, for the ledger: scheduled, manual or backfill (default: $SPENDWATCH_TRIGGER or manual).")
    var trigger: RunTrigger?

    func run() throws {
        let context = common.context()
        try exitingOnFailure(context.logger) {
            let outcome = try WeeklyRun(context: context).run(.init(
                configPath: common.configPath, week: week, outputDirectory: out, dryRun: dryRun, force: force,
                trigger: try RunTrigger.resolve(trigger, environment: context.environment)))
            print("\(outcome.directory)/report.html")
            if outcome.pendingDeliveries > 0 { return .tryAgainLater }
            if let failOn, outcome.report.findings.contains(where: { $0.severity >= failOn }) {
                return .findingsAtOrAboveThreshold
            }
            return .done
        }
    }
}

enum TemplateSetSummary {
    static func describe(_ templates: Reporting.TemplateSet) -> String {
        templates.origins.keys.sorted().joined(separator: ", ")
    }
}

import ArgumentParser
import Budget
import Ledger
import SpendwatchKit

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Report one week (default: every week due since the last one reported, up to catch_up_weeks).")

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
            let result = ScheduledRun(context: context).run(.init(
                configPath: common.configPath, week: week, outputDirectory: out, dryRun: dryRun, force: force,
                trigger: try RunTrigger.resolve(trigger, environment: context.environment), failOn: failOn))
            for outcome in result.outcomes { print("\(outcome.directory)/report.html") }
            return result.status
        }
    }
}

import ArgumentParser
import Budget
import Foundation
import SpendwatchKit

struct BackfillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Report back weeks in order; stores snapshots and reports, sends nothing unless --deliver.")

    @OptionGroup var common: CommonOptions

    @Option(help: "First ISO week, e.g. 2009-W02.")
    var from: ISOWeek

    @Option(help: "Last ISO week, e.g. 2009-W26.")
    var to: ISOWeek

    @Flag(help: "Send deliveries as the weekly run would.")
    var deliver = false

    @Option(help: "Write reports to DIR/<week>/ instead of the config's output folder.")
    var out: String?

    func run() throws {
        let context = common.context()
        try exitingOnFailure(context.logger) {
            // A bar on a terminal; nothing under cron or in a pipe.
            var progress: Backfill.Progress?
            if isatty(STDERR_FILENO) == 1 { progress = { Self.drawProgress(done: $0, total: $1, week: $2) } }
            let outcomes = try Backfill(context: context).run(
                .init(configPath: common.configPath, from: from, to: to, deliver: deliver, outputDirectory: out),
                progress: progress)
            for outcome in outcomes { print("\(outcome.directory)/report.html") }
            // Each week dispatches the whole outbox, so the last week's pending count is what the ledger still
            // holds; a refusal stays refused whichever week saw it.
            return ExitStatus.ofDeliveries(pending: outcomes.last?.pendingDeliveries ?? 0,
                                           refused: outcomes.reduce(0) { $0 + $1.refusedDeliveries }) ?? .done
        }
    }

    static func drawProgress(done: Int, total: Int, week: ISOWeek?) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let label = week.map { "\($0)" } ?? "done"
        var line = "\r\u{1B}[K[\(bar)] \(done)/\(total) \(label)"
        if week == nil { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }
}

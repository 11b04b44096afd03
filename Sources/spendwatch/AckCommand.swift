import ArgumentParser
import Budget
import Foundation
import SpendwatchKit

/// `spendwatch ack`: the task force acknowledges a finding; it stays in the report but alerts no one until it expires.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge a finding (kept in the report, no alert until --until or until its severity rises); --list, --remove.",
        discussion: """
            spendwatch ack --week 2009-W24 --project RSI2-09 --kind behind --until 2009-07-15 --reason "입찰 재공고"
            spendwatch ack --list
            spendwatch ack --remove 3
            --project takes a sub-project, a programme id, or TOTAL.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "The week whose finding is acknowledged (it applies to that week and the weeks after).")
    var week: ISOWeek?

    @Option(help: "The sub-project (or programme id, or TOTAL) the finding is about.")
    var project: String?

    @Option(help: "The finding's kind: \(Finding.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Finding.Kind?

    @Option(help: "Last day (YYYY-MM-DD) of report weeks the acknowledgement covers; alerts resume after it.")
    var until: CalendarDate?

    @Option(help: "Why: shown beside the finding in every report.")
    var reason: String?

    @Flag(help: "List the acknowledgements in the ledger.")
    var list = false

    @Option(help: "Remove the acknowledgement with this number (see --list).")
    var remove: Int64?

    func run() throws {
        let context = common.context()
        try exitingOnFailure(context.logger) {
            let acks = Acknowledgements(context: context)
            let adding = [week != nil, project != nil, kind != nil, until != nil, reason != nil].contains(true)
            switch (list, remove, adding) {
            case (true, nil, false):
                print(Acknowledgements.text(try acks.list(configPath: common.configPath)), terminator: "")
            case (false, let id?, false):
                try acks.remove(configPath: common.configPath, id: id)
            case (false, nil, true):
                guard let week, let project, let kind, let until, let reason else {
                    throw AcknowledgementError.usage("ack needs --week, --project, --kind, --until and --reason together")
                }
                let ack = try acks.add(configPath: common.configPath, week: week, subject: project, kind: kind,
                                       until: until, reason: reason)
                print("#\(ack.id)")
            default:
                throw AcknowledgementError.usage("give either --list, --remove ID, or --week/--project/--kind/--until/--reason")
            }
            return .done
        }
    }
}

import Budget
import Foundation

/// `projects.csv`: every sub-project of the week in one table, for Excel and for whoever needs the rows the
/// reports leave out. UTF-8 with a byte-order mark (so Excel reads the Hangul), Korean headers, amounts in
/// whole won, programmes and their sub-projects in plan order. Written directly, one row at a time.
public enum ProjectsTable {
    /// The file's name in `<output>/<week>/`.
    public static let fileName = "projects.csv"

    public static func csv(_ report: WeekReport) -> Data {
        var text = "\u{FEFF}"
        text.reserveCapacity(report.programs.reduce(0) { $0 + $1.projects.count } * 160 + 400)
        append(Vocabulary.projectsTableHeader.map(field), to: &text)
        for program in report.programs {
            let programID = field(program.row.id)
            let programName = field(program.row.name)
            for row in program.projects {
                let next = row.nextMilestone
                append([
                    programID, programName, field(row.id), field(row.name), field(row.owner ?? ""),
                    String(row.budget), String(row.executed), WonFormat.decimal(row.executedPercent, places: 2),
                    WonFormat.decimal(row.targetPercent, places: 2), WonFormat.decimal(row.gapPP, places: 2),
                    String(row.shortfall), String(row.weekChange), String(row.velocity),
                    next?.date.description ?? "", next.map { WonFormat.decimal($0.percent, places: 0) } ?? "",
                    next.map { String($0.amountLeft) } ?? "", next.map { String($0.requiredWeekly) } ?? "",
                    row.projectedPercent.map { WonFormat.decimal($0, places: 2) } ?? "", Vocabulary.label(row.status),
                    row.excluded ? "Y" : "", String(row.yearEnd.executed), String(row.yearEnd.lapse),
                ], to: &text)
            }
        }
        return Data(text.utf8)
    }

    private static func append(_ fields: [String], to text: inout String) {
        text += fields.joined(separator: ",")
        text += "\r\n"
    }

    /// A text cell: quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-` or `@`
    /// gets an apostrophe so Excel shows the name instead of running it as a formula.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

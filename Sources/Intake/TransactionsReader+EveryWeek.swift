import Budget

extension TransactionsReader {
    /// `figures` with a figure for every week from the source's first week to its last, per ISO week-year,
    /// for every sub-project the source names.
    ///
    /// A payments file has a row only where money moved, but a week without a payment is a week in which
    /// nothing was spent, not a week nobody reported: the cumulative figure stands (0 before the first
    /// payment). Without this, every quiet week would raise `missing` and `stalled` could never fire.
    /// Kept out of `read` so that the reader stays the pure aggregation the benchmark compares.
    public static func everyWeek(_ figures: [Figure]) -> [Figure] {
        guard let first = figures.map(\.week).min(), let last = figures.map(\.week).max() else { return figures }
        var byProject: [String: [ISOWeek: Figure]] = [:]
        var program: [String: String] = [:]
        for figure in figures {
            byProject[figure.project, default: [:]][figure.week] = figure
            program[figure.project] = figure.program
        }
        var weeks: [ISOWeek] = []
        var week = first
        while week <= last {
            weeks.append(week)
            week = week.adding(weeks: 1)
        }
        var out: [Figure] = []
        out.reserveCapacity(weeks.count * byProject.count)
        for (project, known) in byProject.sorted(by: { $0.key < $1.key }) {
            var running: Figure?
            for week in weeks {
                if let figure = known[week] {
                    running = figure
                } else if let previous = running, previous.week.year == week.year {
                    running = Figure(week: week, program: previous.program, project: project, executed: previous.executed)
                } else {
                    // Before the sub-project's first payment of the week-year, nothing was spent yet.
                    running = Figure(week: week, program: program[project] ?? "", project: project, executed: 0)
                }
                if let running { out.append(running) }
            }
        }
        return out
    }
}

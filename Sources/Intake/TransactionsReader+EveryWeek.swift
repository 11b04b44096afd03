import Budget

extension TransactionsReader {
    /// `figures` with a figure for every week from the source's first week to its last, per ISO week-year,
    /// for every sub-project the source names.
    ///
    /// A payments file has a row only where money moved, but a week without a payment is a week in which
    /// nothing was spent, not a week nobody reported: the cumulative figure stands (0 before the first
    /// payment). Without this, every quiet week would raise `missing` and `stalled` could never fire.
    /// Kept out of `read` so that the reader stays the pure aggregation the benchmark compares.
    ///
    /// Weeks after `through` are left out: they were not known as of the week reported, and a back week's
    /// rerun on a full year's payments would carry half a year of figures it never stores.
    public static func everyWeek(_ figures: [Figure], through limit: ISOWeek? = nil) -> [Figure] {
        guard let first = figures.map(\.week).min(), var last = figures.map(\.week).max() else { return figures }
        if let limit { last = min(last, limit) }
        guard first <= last else { return [] }
        var weeks: [ISOWeek] = []
        var week = first
        while week <= last {
            weeks.append(week)
            week = week.adding(weeks: 1)
        }
        // One index per figure in (project, week) order, not a dictionary per sub-project: at national scale
        // (20,000 sub-projects, a million figures) those dictionaries held a second copy of every figure.
        let order = figures.indices.filter { figures[$0].week <= last }.sorted {
            (figures[$0].project, figures[$0].week, $0) < (figures[$1].project, figures[$1].week, $1)
        }
        var out: [Figure] = []
        var start = 0
        while start < order.count {
            let project = figures[order[start]].project
            var end = start
            while end < order.count, figures[order[end]].project == project { end += 1 }
            if out.isEmpty { out.reserveCapacity(weeks.count * (order.count / max(1, end - start))) }
            // The figures of one project, week by week; a later figure of the same week (a duplicate) wins.
            var next = start
            var running: Figure?
            for week in weeks {
                var known: Figure?
                while next < end, figures[order[next]].week == week {
                    known = figures[order[next]]
                    next += 1
                }
                if let known {
                    running = known
                } else if let previous = running, previous.week.year == week.year {
                    running = Figure(week: week, program: previous.program, project: project, executed: previous.executed)
                } else {
                    // Before the sub-project's first payment of the week-year, nothing was spent yet.
                    running = Figure(week: week, program: figures[order[start]].program, project: project, executed: 0)
                }
                if let running { out.append(running) }
            }
            start = end
        }
        return out
    }
}

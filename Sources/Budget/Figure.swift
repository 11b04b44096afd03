/// One reported cumulative figure: what a sub-project had executed in the fiscal year as of a week.
public struct Figure: Sendable, Hashable {
    public let week: ISOWeek
    public let program: String
    public let project: String
    public let executed: Won
    /// The current budget when the source carries it (a supplementary budget, 추경).
    public let budget: Won?
    /// Cumulative KPI values reported with the figure (jobs created, people trained), by KPI id.
    public let kpis: [String: Int64]

    public init(week: ISOWeek, program: String, project: String, executed: Won, budget: Won? = nil, kpis: [String: Int64] = [:]) {
        self.week = week
        self.program = program
        self.project = project
        self.executed = executed
        self.budget = budget
        self.kpis = kpis
    }
}

/// Every figure known so far, by sub-project and week.
public struct FigureHistory: Sendable {
    /// Each sub-project's figures in week order: the series asks for the latest figure at or before a week
    /// 20,000 × 27 times at national scale, a binary search each, not a scan of every week.
    private var byProject: [String: [Figure]] = [:]

    public init(_ figures: some Sequence<Figure> = []) {
        for figure in figures { insert(figure) }
    }

    /// Adds `figure`, replacing the one of the same sub-project and week.
    public mutating func insert(_ figure: Figure) {
        Self.place(figure, in: &byProject[figure.project, default: []])
    }

    private static func place(_ figure: Figure, in figures: inout [Figure]) {
        guard let last = figures.last, last.week >= figure.week else { return figures.append(figure) }
        let index = firstIndex(in: figures, notBefore: figure.week)
        if index < figures.count, figures[index].week == figure.week {
            figures[index] = figure
        } else {
            figures.insert(figure, at: index)
        }
    }

    public var projectIDs: [String] { byProject.keys.sorted() }

    /// All figures of `week`.
    public func figures(in week: ISOWeek) -> [Figure] {
        byProject.keys.compactMap { figure(project: $0, week: week) }.sorted { $0.project < $1.project }
    }

    public func figure(project: String, week: ISOWeek) -> Figure? {
        guard let figures = byProject[project] else { return nil }
        let index = Self.firstIndex(in: figures, notBefore: week)
        return index < figures.count && figures[index].week == week ? figures[index] : nil
    }

    /// The latest figure of `project` at or before `week`, if any.
    public func latest(project: String, atOrBefore week: ISOWeek) -> Figure? {
        guard let figures = byProject[project] else { return nil }
        let index = Self.firstIndex(in: figures, notBefore: week)
        if index < figures.count, figures[index].week == week { return figures[index] }
        return index > 0 ? figures[index - 1] : nil
    }

    /// The cumulative amount as of `week`: the latest figure at or before it within `fiscalYear`, else 0.
    public func executed(project: String, asOf week: ISOWeek, fiscalYear: Int) -> Won {
        guard let figure = latest(project: project, atOrBefore: week), figure.week.sunday.year >= fiscalYear else { return 0 }
        return figure.executed
    }

    /// The index of the first figure whose week is `week` or later (`figures.count` when none is).
    private static func firstIndex(in figures: [Figure], notBefore week: ISOWeek) -> Int {
        var low = 0
        var high = figures.count
        while low < high {
            let middle = (low + high) / 2
            if figures[middle].week < week { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Weeks that carry at least one figure.
    public var weeks: [ISOWeek] {
        Array(Set(byProject.values.flatMap { $0.map(\.week) })).sorted()
    }
}

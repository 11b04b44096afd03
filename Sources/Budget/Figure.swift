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
    private var byProject: [String: [ISOWeek: Figure]] = [:]

    public init(_ figures: some Sequence<Figure> = []) {
        for figure in figures { insert(figure) }
    }

    public mutating func insert(_ figure: Figure) {
        byProject[figure.project, default: [:]][figure.week] = figure
    }

    public var projectIDs: [String] { byProject.keys.sorted() }

    /// All figures of `week`.
    public func figures(in week: ISOWeek) -> [Figure] {
        byProject.values.compactMap { $0[week] }.sorted { $0.project < $1.project }
    }

    public func figure(project: String, week: ISOWeek) -> Figure? { byProject[project]?[week] }

    /// The latest figure of `project` at or before `week`, if any.
    public func latest(project: String, atOrBefore week: ISOWeek) -> Figure? {
        guard let weeks = byProject[project] else { return nil }
        return weeks.values.filter { $0.week <= week }.max { $0.week < $1.week }
    }

    /// The cumulative amount as of `week`: the latest figure at or before it within `fiscalYear`, else 0.
    public func executed(project: String, asOf week: ISOWeek, fiscalYear: Int) -> Won {
        guard let figure = latest(project: project, atOrBefore: week), figure.week.sunday.year >= fiscalYear else { return 0 }
        return figure.executed
    }

    /// Weeks that carry at least one figure.
    public var weeks: [ISOWeek] {
        Array(Set(byProject.values.flatMap(\.keys))).sorted()
    }
}

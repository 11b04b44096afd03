/// Where a non-financial target of the plan (jobs created, people trained) stands in a week.
public struct KPIStatus: Sendable, Hashable {
    public let id: String
    public let name: String
    public let unit: String
    /// The year-end target.
    public let target: Int64
    /// Sum of the latest cumulative value each of the KPI's sub-projects reported up to the week.
    public let actual: Int64
    /// What the KPI's curve asks for by the week's Sunday, rounded up.
    public let expected: Int64
    /// The KPI's sub-projects that have reported a value so far, out of `projectCount`.
    public let reportingProjects: Int
    public let projectCount: Int
    public let status: Status

    public init(id: String, name: String, unit: String, target: Int64, actual: Int64, expected: Int64,
                reportingProjects: Int, projectCount: Int, status: Status) {
        self.id = id
        self.name = name
        self.unit = unit
        self.target = target
        self.actual = actual
        self.expected = expected
        self.reportingProjects = reportingProjects
        self.projectCount = projectCount
        self.status = status
    }

    /// Share of the year-end target reached, for display.
    public var actualPercent: Double { percent(actual, of: target) }
    /// Share of the year-end target the curve asks for by now, for display.
    public var expectedPercent: Double { percent(expected, of: target) }
    /// Percentage points of the year-end target behind the curve; negative when ahead.
    public var gapPP: Double { expectedPercent - actualPercent }
    public var shortfall: Int64 { max(0, expected - actual) }
}

extension KPIStatus {
    /// The plan's KPIs that the source carries (at least one value reported by the week), in plan order.
    ///
    /// A KPI without milestones runs linearly from 0 on the fiscal year's eve to its target on 31 December;
    /// with milestones it follows them like the budget curve. The same thresholds as money apply,
    /// in points of the year-end target.
    public static func statuses(plan: Plan, history: FigureHistory, week: ISOWeek, thresholds: Thresholds) -> [KPIStatus] {
        let yearStart = plan.curve.start
        return plan.kpis.compactMap { kpi in
            var actual: Int64 = 0
            var reporting = 0
            for project in kpi.projects {
                if let value = latestValue(kpi: kpi.id, project: project, week: week, since: yearStart, history: history) {
                    actual += value
                    reporting += 1
                }
            }
            guard reporting > 0 else { return nil }
            let expected = kpi.curve(fiscalYear: plan.fiscalYear).targetAmount(of: kpi.target, on: week.sunday)
            return KPIStatus(id: kpi.id, name: kpi.name, unit: kpi.unit, target: kpi.target, actual: actual,
                             expected: expected, reportingProjects: reporting, projectCount: kpi.projects.count,
                             status: thresholds.status(executed: actual, target: expected, budget: kpi.target))
        }
    }

    /// The newest value of `kpi` that `project` reported in the fiscal year at or before `week`.
    /// A row without the KPI's cell does not reset it: the last reported value stands.
    static func latestValue(kpi: String, project: String, week: ISOWeek, since start: CalendarDate,
                            history: FigureHistory) -> Int64? {
        var current = week
        while current.sunday > start {
            if let value = history.figure(project: project, week: current)?.kpis[kpi] { return value }
            current = current.adding(weeks: -1)
        }
        return nil
    }
}

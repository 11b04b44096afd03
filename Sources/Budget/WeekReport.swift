/// Everything the task force learns about one week: rows per sub-project, programme and total, and findings.
public struct WeekReport: Sendable {
    public let week: ISOWeek
    public let asOf: CalendarDate
    public let generatedAt: String
    public let total: ExecutionRow
    public let programs: [ProgramReport]
    public internal(set) var findings: [Finding]
    /// The curve the plan sets for the whole budget, for charts.
    public let curve: EarlyExecutionCurve
    /// Cumulative execution per programme and in total, week by week through `week`, for charts.
    public var series: [ExecutionSeries] = []
    /// The plan's KPIs the source carries, in plan order.
    public var kpis: [KPIStatus] = []
}

public struct ProgramReport: Sendable {
    public let row: ExecutionRow
    public let projects: [ExecutionRow]
}

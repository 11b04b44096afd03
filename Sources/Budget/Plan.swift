/// The year's budget: programmes, their sub-projects and the early-execution curve.
public struct Plan: Sendable {
    public let fiscalYear: Int
    public let currency: String
    public let curve: EarlyExecutionCurve
    public let programs: [Program]
    public let kpis: [KPI]

    public init(fiscalYear: Int, currency: String = "KRW", milestones: [Milestone], programs: [Program], kpis: [KPI] = []) {
        self.fiscalYear = fiscalYear
        self.currency = currency
        curve = EarlyExecutionCurve(fiscalYear: fiscalYear, milestones: milestones)
        self.programs = programs
        self.kpis = kpis
    }

    public var budget: Won { programs.reduce(0) { $0 + $1.budget } }

    /// The curve of a programme: its own milestones, else the plan's.
    public func curve(for program: Program) -> EarlyExecutionCurve {
        program.milestones.map { EarlyExecutionCurve(fiscalYear: fiscalYear, milestones: $0) } ?? curve
    }

    /// The curve of a sub-project: its own milestones, else its programme's, else the plan's.
    public func curve(for project: Project, in program: Program) -> EarlyExecutionCurve {
        project.milestones.map { EarlyExecutionCurve(fiscalYear: fiscalYear, milestones: $0) } ?? curve(for: program)
    }

    /// Looks a sub-project up by id across all programmes.
    public func locate(project id: String) -> (program: Program, project: Project)? {
        for program in programs {
            if let project = program.projects.first(where: { $0.id == id }) { return (program, project) }
        }
        return nil
    }
}

public struct Program: Sendable {
    public let id: String
    public let name: String
    public let budget: Won
    public let milestones: [Milestone]?
    public let projects: [Project]

    public init(id: String, name: String, budget: Won, milestones: [Milestone]? = nil, projects: [Project]) {
        self.id = id
        self.name = name
        self.budget = budget
        self.milestones = milestones
        self.projects = projects
    }
}

public struct Project: Sendable {
    public let id: String
    public let name: String
    public let budget: Won
    public let owner: String
    public let milestones: [Milestone]?
    /// Left out of 대상액, the base of every target rate (인건비, 기본경비, 법정경비), but still in 예산현액.
    public let excluded: Bool

    public init(id: String, name: String, budget: Won, owner: String, milestones: [Milestone]? = nil, excluded: Bool = false) {
        self.id = id
        self.name = name
        self.budget = budget
        self.owner = owner
        self.milestones = milestones
        self.excluded = excluded
    }
}

/// A non-financial target of the plan, such as jobs created or people trained.
public struct KPI: Sendable {
    public let id: String
    public let name: String
    public let unit: String
    public let target: Int64
    public let projects: [String]
    /// Cumulative share of `target` due by each date; nil means linear over the year.
    public let milestones: [Milestone]?

    public init(id: String, name: String, unit: String, target: Int64, projects: [String], milestones: [Milestone]? = nil) {
        self.id = id
        self.name = name
        self.unit = unit
        self.target = target
        self.projects = projects
        self.milestones = milestones
    }

    /// The KPI's own curve, else a straight line from 0 on the fiscal year's eve to the target on 31 December.
    public func curve(fiscalYear: Int) -> EarlyExecutionCurve {
        let yearEnd = Milestone(date: CalendarDate.december31(fiscalYear), basisPoints: 10_000)
        return EarlyExecutionCurve(fiscalYear: fiscalYear, milestones: milestones ?? [yearEnd])
    }
}

/// Gap limits in percentage points (held as basis points, so statuses are exact) and the
/// weeks without change that count as a stall.
public struct Thresholds: Sendable, Hashable {
    public let warnGap: BasisPoints
    public let criticalGap: BasisPoints
    public let stallWeeks: Int
    /// Projected 불용 (lapse) at 31 December, as a share of 예산현액, that raises a `lapse-risk` warning.
    public let lapseRisk: BasisPoints
    /// The projected lapse share that makes `lapse-risk` critical.
    public let lapseCritical: BasisPoints

    public init(warnGap: BasisPoints = 500, criticalGap: BasisPoints = 1_000, stallWeeks: Int = 2,
                lapseRisk: BasisPoints = 1_000, lapseCritical: BasisPoints = 2_000) {
        self.warnGap = warnGap
        self.criticalGap = criticalGap
        self.stallWeeks = stallWeeks
        self.lapseRisk = lapseRisk
        self.lapseCritical = lapseCritical
    }

    /// The severity of a projected `lapse` out of `budget`, or nil below `lapseRisk`.
    public func lapseSeverity(lapse: Won, budget: Won) -> Severity? {
        guard budget > 0, lapse > 0 else { return nil }
        let share = Int128(lapse) * 10_000
        if share >= Int128(lapseCritical) * Int128(budget) { return .critical }
        if share >= Int128(lapseRisk) * Int128(budget) { return .warning }
        return nil
    }

    /// The status of `executed` against `target`, both out of `budget`.
    public func status(executed: Won, target: Won, budget: Won) -> Status {
        guard budget > 0 else { return .onTrack }
        let gap = Int128(target - executed) * 10_000
        if gap >= Int128(criticalGap) * Int128(budget) { return .critical }
        if gap >= Int128(warnGap) * Int128(budget) { return .warning }
        return .onTrack
    }
}

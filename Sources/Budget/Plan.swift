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

    public init(id: String, name: String, budget: Won, owner: String, milestones: [Milestone]? = nil) {
        self.id = id
        self.name = name
        self.budget = budget
        self.owner = owner
        self.milestones = milestones
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
        let yearEnd = Milestone(date: CalendarDate(year: fiscalYear, month: 12, day: 31)!, basisPoints: 10_000)
        return EarlyExecutionCurve(fiscalYear: fiscalYear, milestones: milestones ?? [yearEnd])
    }
}

/// Gap limits in percentage points (held as basis points, so statuses are exact) and the
/// weeks without change that count as a stall.
public struct Thresholds: Sendable, Hashable {
    public let warnGap: BasisPoints
    public let criticalGap: BasisPoints
    public let stallWeeks: Int

    public init(warnGap: BasisPoints = 500, criticalGap: BasisPoints = 1_000, stallWeeks: Int = 2) {
        self.warnGap = warnGap
        self.criticalGap = criticalGap
        self.stallWeeks = stallWeeks
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

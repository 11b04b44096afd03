/// The standing of one sub-project, programme or the total in a week.
///
/// Two bases: 예산현액 (`budget`, everything) and 대상액 (`targetBase`, without the lines a plan marks
/// `excluded`: 인건비, 기본경비, 법정경비). Targets, gaps, shortfalls and the status are on 대상액, as the
/// official 신속집행 checks are; with nothing excluded the two bases are the same money.
public struct ExecutionRow: Sendable, Hashable {
    public let id: String
    public let name: String
    public let owner: String?
    /// 예산현액.
    public let budget: Won
    public let executed: Won
    /// What the curve asks for by the week's Sunday, rounded up to the won (of 대상액).
    public let target: Won
    public let targetPercent: Double
    public let weekChange: Won
    /// Average weekly change over the last four weeks (fewer early in the year), in won.
    public let velocity: Won
    public let nextMilestone: NextMilestone?
    public let status: Status
    /// 대상액: the budget of the lines that count towards the target.
    public let targetBase: Won
    /// Executed on the lines that count towards the target.
    public let targetBaseExecuted: Won
    /// Average weekly change of the lines that count towards the target.
    public let targetBaseVelocity: Won
    /// A sub-project the plan leaves out of 대상액.
    public let excluded: Bool
    /// Executed and 불용 on 31 December at the current velocity.
    public let yearEnd: YearEndProjection
    /// True after the row's last milestone, when the year-end question replaces the curve.
    public let yearEndDue: Bool
    /// A large project (`watch_budget`) judged by `watch_thresholds`.
    public let watched: Bool

    public init(id: String, name: String, owner: String?, budget: Won, executed: Won, target: Won, targetPercent: Double,
                weekChange: Won, velocity: Won, nextMilestone: NextMilestone?, status: Status,
                targetBase: Won? = nil, targetBaseExecuted: Won? = nil, targetBaseVelocity: Won? = nil,
                excluded: Bool = false, yearEnd: YearEndProjection = .zero, yearEndDue: Bool = false,
                watched: Bool = false) {
        self.id = id
        self.name = name
        self.owner = owner
        self.budget = budget
        self.executed = executed
        self.target = target
        self.targetPercent = targetPercent
        self.weekChange = weekChange
        self.velocity = velocity
        self.nextMilestone = nextMilestone
        self.status = status
        self.targetBase = targetBase ?? budget
        self.targetBaseExecuted = targetBaseExecuted ?? executed
        self.targetBaseVelocity = targetBaseVelocity ?? velocity
        self.excluded = excluded
        self.yearEnd = yearEnd
        self.yearEndDue = yearEndDue
        self.watched = watched
    }

    /// Execution rate on 예산현액.
    public var executedPercent: Double { percent(executed, of: budget) }
    /// Execution rate on 대상액, the rate the targets are set in.
    public var targetBaseExecutedPercent: Double { percent(targetBaseExecuted, of: targetBase) }
    /// True when the two bases differ: some line of this row is excluded from 대상액.
    public var hasExcludedLines: Bool { targetBase != budget || excluded }
    /// Percentage points behind the curve on 대상액; negative when ahead.
    public var gapPP: Double { targetPercent - targetBaseExecutedPercent }
    public var shortfall: Won { max(0, target - targetBaseExecuted) }
    /// Rate on 대상액 at the next milestone if the current velocity holds.
    public var projectedPercent: Double? {
        nextMilestone.map {
            percent(targetBaseExecuted, of: targetBase) + percent(targetBaseVelocity, of: targetBase) * Double($0.daysLeft) / 7
        }
    }
    /// Projected execution rate on 31 December, on 예산현액.
    public var yearEndPercent: Double { percent(yearEnd.executed, of: budget) }
    /// Projected 불용 as a share of 예산현액.
    public var lapsePercent: Double { percent(yearEnd.lapse, of: budget) }
}

/// The next milestone of a row and what it takes to reach it.
public struct NextMilestone: Sendable, Hashable {
    public let date: CalendarDate
    public let percent: Double
    /// The milestone's amount of this row's budget.
    public let amount: Won
    public let amountLeft: Won
    public let daysLeft: Int

    /// Whole weeks until the milestone's date, at least one.
    public var weeksLeft: Int { max(1, daysLeft / 7) }
    /// Weekly spend that reaches the milestone on time, rounded up to the won.
    public var requiredWeekly: Won { Won(Won.ceilDiv(Int128(amountLeft), Int128(weeksLeft))) }

    public init(date: CalendarDate, percent: Double, amount: Won, executed: Won, asOf: CalendarDate) {
        self.date = date
        self.percent = percent
        self.amount = amount
        amountLeft = max(0, amount - executed)
        daysLeft = date.days(since: asOf)
    }
}

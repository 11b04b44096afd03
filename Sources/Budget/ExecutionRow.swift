/// The standing of one sub-project, programme or the total in a week.
public struct ExecutionRow: Sendable, Hashable {
    public let id: String
    public let name: String
    public let owner: String?
    public let budget: Won
    public let executed: Won
    /// What the curve asks for by the week's Sunday, rounded up to the won.
    public let target: Won
    public let targetPercent: Double
    public let weekChange: Won
    /// Average weekly change over the last four weeks (fewer early in the year), in won.
    public let velocity: Won
    public let nextMilestone: NextMilestone?
    public let status: Status

    public var executedPercent: Double { percent(executed, of: budget) }
    /// Percentage points behind the curve; negative when ahead.
    public var gapPP: Double { targetPercent - executedPercent }
    public var shortfall: Won { max(0, target - executed) }
    /// Rate at the next milestone if the current velocity holds.
    public var projectedPercent: Double? {
        nextMilestone.map { percent(executed, of: budget) + percent(velocity, of: budget) * Double($0.daysLeft) / 7 }
    }
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

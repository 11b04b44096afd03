/// Where a row ends the fiscal year at its current velocity: executed by 31 December and the 불용 (lapse) left.
///
/// Sub-project rows project their own money; programme and total rows are sums of their sub-projects'
/// projections, never a projection of summed rates.
public struct YearEndProjection: Sendable, Hashable {
    /// Days from the week's Sunday to 31 December of the fiscal year.
    public let daysLeft: Int
    /// Executed by 31 December if the last four weeks' average weekly change holds (never below today's figure,
    /// never above the budget unless it is already above).
    public let executed: Won
    /// Budget projected to stay unspent on 31 December, in won.
    public let lapse: Won

    public init(daysLeft: Int, executed: Won, lapse: Won) {
        self.daysLeft = daysLeft
        self.executed = executed
        self.lapse = lapse
    }

    /// One sub-project: `executed + max(0, velocity) × daysLeft ÷ 7`, rounded down to the won, capped at the budget.
    public static func project(budget: Won, executed: Won, velocity: Won, daysLeft: Int) -> YearEndProjection {
        let days = Int128(max(0, daysLeft))
        let added = Int128(max(0, velocity)) * days / 7
        let uncapped = Int128(executed) + added
        let cap = Int128(max(budget, executed))
        let projected = Won(min(uncapped, cap))
        return YearEndProjection(daysLeft: max(0, daysLeft), executed: projected, lapse: max(0, budget - projected))
    }

    /// The sum of several rows' projections.
    public static func + (a: YearEndProjection, b: YearEndProjection) -> YearEndProjection {
        YearEndProjection(daysLeft: max(a.daysLeft, b.daysLeft), executed: a.executed + b.executed, lapse: a.lapse + b.lapse)
    }

    public static let zero = YearEndProjection(daysLeft: 0, executed: 0, lapse: 0)
}

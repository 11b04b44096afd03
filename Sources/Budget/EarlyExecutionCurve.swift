/// Cumulative share of a budget that must be executed by each day of the fiscal year.
///
/// Starts at 0 % on 31 December of the previous year, runs linearly by calendar day
/// between milestones and stays at the last milestone's value afterwards.
public struct EarlyExecutionCurve: Hashable, Sendable {
    public let start: CalendarDate
    public let milestones: [Milestone]

    public init(fiscalYear: Int, milestones: [Milestone]) {
        start = CalendarDate.december31(fiscalYear - 1)
        self.milestones = milestones
    }

    /// The curve's value on `date` as an exact fraction of 10 000 basis points.
    func share(on date: CalendarDate) -> (numerator: Int128, denominator: Int128) {
        var previous = Milestone(date: start, basisPoints: 0)
        if date <= start { return (0, 1) }
        for milestone in milestones {
            if date <= milestone.date {
                let span = Int128(milestone.date.days(since: previous.date))
                let elapsed = Int128(date.days(since: previous.date))
                let rise = Int128(milestone.basisPoints - previous.basisPoints)
                return (Int128(previous.basisPoints) * span + rise * elapsed, span)
            }
            previous = milestone
        }
        return (Int128(previous.basisPoints), 1)
    }

    /// Target rate on `date`, in percent, for display.
    public func percent(on date: CalendarDate) -> Double {
        let s = share(on: date)
        return Double(s.numerator) / Double(s.denominator) / 100
    }

    /// The amount of `budget` that must be executed by `date`, rounded up to the won.
    public func targetAmount(of budget: Won, on date: CalendarDate) -> Won {
        let s = share(on: date)
        return Won(Won.ceilDiv(Int128(budget) * s.numerator, s.denominator * 10_000))
    }

    /// The first milestone strictly after `date`, if the year still has one.
    public func nextMilestone(after date: CalendarDate) -> Milestone? {
        milestones.first { $0.date > date }
    }
}

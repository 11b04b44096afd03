/// A point of the early-execution curve: `percent` of the budget executed by `date`.
public struct Milestone: Hashable, Sendable {
    public let date: CalendarDate
    public let basisPoints: BasisPoints

    public init(date: CalendarDate, basisPoints: BasisPoints) {
        self.date = date
        self.basisPoints = basisPoints
    }

    public var percent: Double { Double(basisPoints) / 100 }

    /// The amount this milestone asks of `budget`, rounded up to the won.
    public func amount(of budget: Won) -> Won {
        Won(Won.ceilDiv(Int128(budget) * Int128(basisPoints), 10_000))
    }
}

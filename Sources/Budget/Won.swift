/// Korean won as whole numbers. Amounts never go through a floating-point type.
public typealias Won = Int64

extension Won {
    /// The largest amount one figure, payment or budget line may state: ₩100조 (10^14 won), above any single
    /// sub-project of a national budget. Below it, sums over up to 92,000 sub-projects (or payments per
    /// sub-project-week) cannot overflow Int64, so a typo of a few extra digits is a clear input error, not a
    /// crash in the comparison or the chart.
    public static let largestAmount: Won = 100_000_000_000_000

    /// `numerator / denominator` rounded up, for non-negative numerators and positive denominators.
    static func ceilDiv(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator > 0)
        if numerator <= 0 { return -((-numerator) / denominator) }
        return (numerator + denominator - 1) / denominator
    }

    /// `numerator / denominator` rounded to the nearest whole won (halves away from zero).
    static func roundedDiv(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let half = denominator / 2
        return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator)
    }
}

/// A share of a budget in basis points (1 % = 100), as plans and milestones state it.
public typealias BasisPoints = Int64

/// Display-only percentage of an amount against a budget.
public func percent(_ amount: Won, of budget: Won) -> Double {
    budget == 0 ? 0 : Double(amount) * 100 / Double(budget)
}

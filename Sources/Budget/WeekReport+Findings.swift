extension WeekReport {
    /// The same report with `more` findings, still ordered worst first.
    ///
    /// A copy with only `findings` changed: every other field (series, KPIs, any added later) is kept.
    public func adding(_ more: [Finding]) -> WeekReport {
        guard !more.isEmpty else { return self }
        var copy = self
        copy.findings = (findings + more).sorted(by: WeeklyComparison.worstFirst)
        return copy
    }
}

extension WeekReport {
    /// The same report with only the findings `isIncluded` keeps, in the same order.
    public func keepingFindings(_ isIncluded: (Finding) -> Bool) -> WeekReport {
        var copy = self
        copy.findings = findings.filter(isIncluded)
        return copy
    }
}

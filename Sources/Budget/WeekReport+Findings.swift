extension WeekReport {
    /// The same report with `more` findings, still ordered worst first.
    public func adding(_ more: [Finding]) -> WeekReport {
        guard !more.isEmpty else { return self }
        return WeekReport(week: week, asOf: asOf, generatedAt: generatedAt, total: total, programs: programs,
                          findings: (findings + more).sorted(by: WeeklyComparison.worstFirst), curve: curve)
    }
}

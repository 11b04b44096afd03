import Budget
import Testing

/// A report is only ever copied field by field, so nothing it carries can be lost on the way to the renderer.
struct WeekReportTests {
    static func report() -> WeekReport {
        WeeklyComparison(plan: KPIStatusTests.plan, thresholds: Thresholds())
            .report(week: KPIStatusTests.week(10), history: KPIStatusTests.history, generatedAt: "2009-03-09T08:00:00+09:00")
    }

    static let restated = HistoryFinding.restated(
        week: KPIStatusTests.week(9), program: "P", project: "P-1", name: "일",
        oldExecuted: 11, newExecuted: 9, oldBudget: nil, newBudget: nil)

    @Test func addingAFindingKeepsTheSeriesAndTheKPIs() {
        let report = Self.report()
        #expect(!report.series.isEmpty)
        #expect(!report.kpis.isEmpty)
        let added = report.adding([Self.restated, HistoryFinding.staleSource(week: KPIStatusTests.week(10), source: "figures.csv", reason: .noRows)])
        #expect(added.series == report.series)
        #expect(added.kpis == report.kpis)
        #expect(added.series.count == report.series.count)
        #expect(added.kpis.count == report.kpis.count)
        #expect(added.findings.count == report.findings.count + 2)
        #expect(added.week == report.week)
        #expect(added.total == report.total)
        #expect(added.curve == report.curve)
    }

    @Test func addedFindingsAreSortedWorstFirst() {
        let added = Self.report().adding([Self.restated])
        let severities = added.findings.map(\.severity)
        #expect(severities == severities.sorted(by: >))
    }
}

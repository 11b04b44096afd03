import Budget
import Testing

/// KPIs against a straight line (or the plan's own milestones), computed by hand.
struct KPIStatusTests {
    static let plan = Plan(
        fiscalYear: 2009,
        milestones: [Milestone(date: CalendarDate(year: 2009, month: 12, day: 31)!, basisPoints: 10_000)],
        programs: [Program(id: "P", name: "사업", budget: 300, projects: [
            Project(id: "P-1", name: "일", budget: 100, owner: "팀1"),
            Project(id: "P-2", name: "이", budget: 100, owner: "팀2"),
            Project(id: "P-3", name: "삼", budget: 100, owner: "팀2"),
        ])],
        kpis: [
            KPI(id: "jobs", name: "신규 일자리", unit: "명", target: 365, projects: ["P-1", "P-2"]),
            KPI(id: "jobsMS", name: "신규 일자리(시점별)", unit: "명", target: 365, projects: ["P-1", "P-2"],
                milestones: [Milestone(date: CalendarDate(year: 2009, month: 6, day: 30)!, basisPoints: 5_000),
                             Milestone(date: CalendarDate(year: 2009, month: 12, day: 31)!, basisPoints: 10_000)]),
            KPI(id: "trained", name: "교육", unit: "명", target: 100, projects: ["P-3"]),
        ])

    static func week(_ n: Int) -> ISOWeek { ISOWeek(year: 2009, week: n)! }

    static let history = FigureHistory([
        Figure(week: week(8), program: "P", project: "P-1", executed: 10, kpis: ["jobs": 25, "jobsMS": 25]),
        // No KPI cell in W09 and W10: the W08 value stands.
        Figure(week: week(9), program: "P", project: "P-1", executed: 11),
        Figure(week: week(10), program: "P", project: "P-1", executed: 12),
        Figure(week: week(10), program: "P", project: "P-2", executed: 5, kpis: ["jobs": 20, "jobsMS": 20]),
        // After the report week: never counted.
        Figure(week: week(11), program: "P", project: "P-2", executed: 6, kpis: ["jobs": 99, "jobsMS": 99]),
    ])

    @Test func linearTargetAndLatestValues() throws {
        let kpis = KPIStatus.statuses(plan: Self.plan, history: Self.history, week: Self.week(10), thresholds: Thresholds())
        let jobs = try #require(kpis.first { $0.id == "jobs" })
        // 2009-W10 ends on Sunday 8 March: 67 days after 31 December, 365 × 67 / 365 = 67.
        #expect(jobs.expected == 67)
        #expect(jobs.actual == 25 + 20)
        #expect(jobs.reportingProjects == 2)
        #expect(jobs.shortfall == 22)
        // (67 − 45) / 365 = 6.03 points of the year's target: past the 5-point warning line.
        #expect(jobs.status == .warning)
    }

    @Test func milestonesOfTheKPI() throws {
        let kpis = KPIStatus.statuses(plan: Self.plan, history: Self.history, week: Self.week(10), thresholds: Thresholds())
        let jobs = try #require(kpis.first { $0.id == "jobsMS" })
        // 50 % by 30 June (181 days): 365 × 0.5 × 67 / 181 = 67.56, rounded up to 68.
        #expect(jobs.expected == 68)
        #expect(jobs.actual == 45)
    }

    @Test func aKPIWithNoReportedValueIsLeftOut() {
        let kpis = KPIStatus.statuses(plan: Self.plan, history: Self.history, week: Self.week(10), thresholds: Thresholds())
        #expect(kpis.map(\.id) == ["jobs", "jobsMS"])
    }

    @Test func aBackWeekSeesOnlyWhatWasKnownThen() throws {
        let kpis = KPIStatus.statuses(plan: Self.plan, history: Self.history, week: Self.week(9), thresholds: Thresholds())
        let jobs = try #require(kpis.first { $0.id == "jobs" })
        #expect(jobs.actual == 25)
        #expect(jobs.reportingProjects == 1)
    }

    @Test func aKPIBehindItsCurveIsAFindingThatNamesTheShortfall() throws {
        let report = WeeklyComparison(plan: Self.plan, thresholds: Thresholds())
            .report(week: Self.week(10), history: Self.history, generatedAt: "")
        let kpi = report.findings.filter { $0.kind == .kpiBehind }
        // jobs is 6.03 points behind (warning); jobsMS 6.3 (warning); trained has no value yet.
        #expect(kpi.count == 2)
        #expect(kpi.allSatisfy { $0.severity == .warning && $0.project == nil })
        let jobs = try #require(report.kpis.first { $0.id == "jobs" })
        #expect(kpi.first?.facts == .kpiBehind(jobs))
        #expect(jobs.shortfall == 22)
        // The same gaps under a 10-point warning line are no finding.
        let relaxed = WeeklyComparison(plan: Self.plan, thresholds: Thresholds(warnGap: 1_000, criticalGap: 2_000))
            .report(week: Self.week(10), history: Self.history, generatedAt: "")
        #expect(!relaxed.findings.contains { $0.kind == .kpiBehind })
    }
}

import Testing
@testable import Budget

/// A one-programme plan small enough to check by hand.
///
/// Week 2009-W12 ends on Sunday 22 March: 81 of the 90 days to the 30 % milestone, so 27 % is due.
struct ComparisonFixture {
    static let milestones = [
        Milestone(date: CalendarDate(iso: "2009-03-31")!, basisPoints: 3_000),
        Milestone(date: CalendarDate(iso: "2009-06-30")!, basisPoints: 6_000),
        Milestone(date: CalendarDate(iso: "2009-12-31")!, basisPoints: 10_000),
    ]
    static let w08 = ISOWeek("2009-W08")!
    static let w10 = ISOWeek("2009-W10")!
    static let w11 = ISOWeek("2009-W11")!
    static let w12 = ISOWeek("2009-W12")!

    static func plan(a: Won = 600_000_000, b: Won = 400_000_000) -> Plan {
        Plan(fiscalYear: 2009, milestones: milestones, programs: [
            Program(id: "P1", name: "지역전략산업", budget: a + b, projects: [
                Project(id: "P1-A", name: "로봇 기술개발", budget: a, owner: "로봇센터"),
                Project(id: "P1-B", name: "바이오 인력양성", budget: b, owner: "바이오센터"),
            ]),
        ])
    }

    static func figure(_ week: ISOWeek, _ project: String, _ executed: Won, budget: Won? = nil) -> Figure {
        Figure(week: week, program: "P1", project: project, executed: executed, budget: budget)
    }

    static func report(_ figures: [Figure], plan: Plan = plan(), thresholds: Thresholds = Thresholds(), week: ISOWeek = w12) -> WeekReport {
        WeeklyComparison(plan: plan, thresholds: thresholds).report(week: week, history: FigureHistory(figures), generatedAt: "fixed")
    }

    static let typical = [
        figure(w08, "P1-A", 100_000_000), figure(w08, "P1-B", 40_000_000),
        figure(w11, "P1-A", 150_000_000), figure(w11, "P1-B", 50_000_000),
        figure(w12, "P1-A", 170_000_000), figure(w12, "P1-B", 60_000_000),
    ]
}

struct WeeklyComparisonTests {
    typealias F = ComparisonFixture

    @Test func projectRowsMatchHandComputedValues() throws {
        let report = F.report(F.typical)
        let rows = try #require(report.programs.first).projects
        let a = try #require(rows.first { $0.id == "P1-A" })
        let b = try #require(rows.first { $0.id == "P1-B" })

        #expect(a.target == 162_000_000)
        #expect(a.targetPercent == 27)
        #expect(a.executed == 170_000_000)
        #expect(abs(a.executedPercent - 28.333333) < 1e-5)
        #expect(a.shortfall == 0)
        #expect(a.status == .onTrack)
        #expect(a.weekChange == 20_000_000)
        // (170 − 100) / 4 weeks.
        #expect(a.velocity == 17_500_000)
        // The next milestone is 30 % by 31 March, nine days on: less than a week counts as one.
        let next = try #require(a.nextMilestone)
        #expect(next.date.description == "2009-03-31")
        #expect(next.amountLeft == 10_000_000)
        #expect(next.weeksLeft == 1)
        #expect(next.requiredWeekly == 10_000_000)
        // (170 + 17.5 × 9/7) / 600 = 32.083 %.
        #expect(abs(try #require(a.projectedPercent) - 32.083333) < 1e-5)

        #expect(b.target == 108_000_000)
        #expect(b.shortfall == 48_000_000)
        #expect(abs(b.gapPP - 12) < 1e-9)
        #expect(b.status == .critical)
        #expect(b.nextMilestone?.requiredWeekly == 60_000_000)
    }

    @Test func requiredWeeklySpendSpreadsOverWholeWeeks() throws {
        let w16 = ISOWeek("2009-W16")!   // Sunday 19 April: 72 days, 10 whole weeks to 30 June
        let report = F.report(F.typical + [F.figure(w16, "P1-A", 200_000_000), F.figure(w16, "P1-B", 130_000_000)], week: w16)
        let next = try #require(report.programs.first?.projects.first?.nextMilestone)
        #expect(next.date.description == "2009-06-30")
        #expect(next.weeksLeft == 10)
        #expect(next.amountLeft == 160_000_000)
        #expect(next.requiredWeekly == 16_000_000)
        // B: 240,000,000 − 130,000,000 over 10 weeks.
        #expect(report.programs.first?.projects.last?.nextMilestone?.requiredWeekly == 11_000_000)
    }

    @Test func programmeAndTotalComeFromSummedMoney() throws {
        let report = F.report(F.typical)
        let p = try #require(report.programs.first).row
        #expect(p.budget == 1_000_000_000)
        #expect(p.executed == 230_000_000)
        #expect(p.target == 270_000_000)
        #expect(p.shortfall == 40_000_000)
        // 27 % − 23 % = 4 pp: under the 5 pp warning line although one sub-project is critical.
        #expect(p.status == .onTrack)
        #expect(p.velocity == 17_500_000 + 5_000_000)
        #expect(p.nextMilestone?.amountLeft == 70_000_000)
        #expect(p.nextMilestone?.requiredWeekly == 70_000_000)
        #expect(report.total.executed == p.executed)
        #expect(report.total.budget == p.budget)
    }

    @Test func programmeTargetIsTheSumOfRoundedUpProjectTargets() throws {
        // 27 % of 333,333,333 is 89,999,999.91 → 90,000,000; of 666,666,667 is 180,000,000.09 → 180,000,001.
        let report = F.report([], plan: F.plan(a: 333_333_333, b: 666_666_667))
        let p = try #require(report.programs.first).row
        #expect(p.target == 270_000_001)
        #expect(report.total.target == 270_000_001)
    }

    @Test("status by gap thresholds", arguments: [
        (Won(92_000_000), Status.onTrack),   // 23 % of 400,000,000: 4 pp behind
        (Won(88_000_000), Status.warning),   // 22 %: exactly 5 pp
        (Won(72_000_000), Status.warning),   // 18 %: 9 pp
        (Won(68_000_000), Status.critical),  // 17 %: exactly 10 pp
    ])
    func statusThresholds(executedB: Won, status: Status) throws {
        let report = F.report([F.figure(F.w12, "P1-A", 162_000_000), F.figure(F.w12, "P1-B", executedB)])
        #expect(try #require(report.programs.first?.projects.last).status == status)
    }

    @Test func laterWeeksNeverLeakIntoABackWeek() throws {
        let later = F.typical + [F.figure(ISOWeek("2009-W20")!, "P1-A", 500_000_000)]
        let a1 = try #require(F.report(F.typical).programs.first?.projects.first)
        let a2 = try #require(F.report(later).programs.first?.projects.first)
        #expect(a1 == a2)
    }

    @Test func velocityEarlyInTheYearUsesTheWeeksElapsed() throws {
        let w02 = ISOWeek("2009-W02")!
        let report = F.report([F.figure(w02, "P1-A", 60_000_000), F.figure(w02, "P1-B", 0)], week: w02)
        // 2009-W02 ends on 11 January: two (partial) weeks into the year.
        #expect(try #require(report.programs.first?.projects.first).velocity == 30_000_000)
    }
}

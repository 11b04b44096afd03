import Testing
@testable import Budget

/// A plan with an excluded line (인건비), small enough to recompute every number by hand.
///
/// P1 = P1-A ₩6억 + P1-B ₩4억 (대상액 ₩10억) + P1-X ₩2억 인건비, excluded (예산현액 ₩12억).
/// 2009-W12 ends on Sunday 22 March: 81 of the 90 days to the 30 % milestone, so 27 % is due;
/// 284 days remain to 31 December.
struct ExcludedFixture {
    static let w08 = ISOWeek("2009-W08")!
    static let w11 = ISOWeek("2009-W11")!
    static let w12 = ISOWeek("2009-W12")!
    static let w24 = ISOWeek("2009-W24")!
    static let w27 = ISOWeek("2009-W27")!
    static let w28 = ISOWeek("2009-W28")!

    static func plan(milestones: [Milestone] = ComparisonFixture.milestones) -> Plan {
        Plan(fiscalYear: 2009, milestones: milestones, programs: [
            Program(id: "P1", name: "지역전략산업", budget: 1_200_000_000, projects: [
                Project(id: "P1-A", name: "로봇 기술개발", budget: 600_000_000, owner: "로봇센터"),
                Project(id: "P1-B", name: "바이오 인력양성", budget: 400_000_000, owner: "바이오센터"),
                Project(id: "P1-X", name: "인건비", budget: 200_000_000, owner: "경영지원팀", excluded: true),
            ]),
        ])
    }

    /// The first half only, as 신속집행 plans are: 30 % by 31 March, 60 % by 30 June.
    static let firstHalf = Array(ComparisonFixture.milestones.prefix(2))

    static func figure(_ week: ISOWeek, _ project: String, _ executed: Won) -> Figure {
        Figure(week: week, program: "P1", project: project, executed: executed)
    }

    static let march = [
        figure(w08, "P1-A", 100_000_000), figure(w08, "P1-B", 40_000_000), figure(w08, "P1-X", 50_000_000),
        figure(w11, "P1-A", 150_000_000), figure(w11, "P1-B", 50_000_000), figure(w11, "P1-X", 65_000_000),
        figure(w12, "P1-A", 170_000_000), figure(w12, "P1-B", 60_000_000), figure(w12, "P1-X", 70_000_000),
    ]

    static let july = [
        figure(w24, "P1-A", 300_000_000), figure(w24, "P1-B", 200_000_000), figure(w24, "P1-X", 100_000_000),
        figure(w27, "P1-A", 340_000_000), figure(w27, "P1-B", 215_000_000), figure(w27, "P1-X", 106_000_000),
        figure(w28, "P1-A", 360_000_000), figure(w28, "P1-B", 220_000_000), figure(w28, "P1-X", 108_000_000),
    ]

    static func report(_ figures: [Figure], plan: Plan = plan(), thresholds: Thresholds = Thresholds(),
                       week: ISOWeek = w12) -> WeekReport {
        WeeklyComparison(plan: plan, thresholds: thresholds).report(week: week, history: FigureHistory(figures), generatedAt: "fixed")
    }
}

struct TargetBaseTests {
    typealias F = ExcludedFixture

    @Test func anExcludedLineHasNoTargetButKeepsItsMoney() throws {
        let program = try #require(F.report(F.march).programs.first)
        let x = try #require(program.projects.first { $0.id == "P1-X" })
        #expect(x.excluded)
        #expect(x.budget == 200_000_000)
        #expect(x.executed == 70_000_000)
        #expect(x.executedPercent == 35)
        #expect(x.targetBase == 0)
        #expect(x.target == 0)
        #expect(x.shortfall == 0)
        #expect(x.nextMilestone == nil)
        #expect(x.status == .onTrack)
        // (70 − 50) / 4 weeks.
        #expect(x.velocity == 5_000_000)
    }

    @Test func programmeRowShowsBothBasesFromSummedMoney() throws {
        let row = try #require(F.report(F.march).programs.first).row
        // 예산현액: all three lines.
        #expect(row.budget == 1_200_000_000)
        #expect(row.executed == 300_000_000)
        #expect(row.executedPercent == 25)
        // 대상액: P1-A and P1-B only.
        #expect(row.targetBase == 1_000_000_000)
        #expect(row.targetBaseExecuted == 230_000_000)
        #expect(row.targetBaseExecutedPercent == 23)
        // 27 % of ₩6억 + 27 % of ₩4억 = 162,000,000 + 108,000,000.
        #expect(row.target == 270_000_000)
        #expect(row.targetPercent == 27)
        #expect(abs(row.gapPP - 4) < 1e-9)
        #expect(row.shortfall == 40_000_000)
        #expect(row.status == .onTrack)
        #expect(row.hasExcludedLines)
        // Velocity: 17,500,000 + 5,000,000 + 5,000,000 on 예산현액, without P1-X on 대상액.
        #expect(row.velocity == 27_500_000)
        #expect(row.targetBaseVelocity == 22_500_000)
        // 31 March: 30 % of ₩10억 = 300,000,000, of which 230,000,000 is done; 9 days count as one week.
        let next = try #require(row.nextMilestone)
        #expect(next.amount == 300_000_000)
        #expect(next.amountLeft == 70_000_000)
        #expect(next.requiredWeekly == 70_000_000)
        // 23 % + 2.25 % a week × 9/7 weeks.
        let projected = try #require(row.projectedPercent)
        let byHand: Double = 23 + 2.25 * 9 / 7
        #expect(abs(projected - byHand) < 1e-9)
    }

    @Test func statusAndGapAreOnTargetBase() throws {
        // 4 pp behind on 대상액 (2 pp on 예산현액): a 3 pp warning line catches it.
        let report = F.report(F.march, thresholds: Thresholds(warnGap: 300, criticalGap: 1_000))
        let row = try #require(report.programs.first).row
        #expect(row.status == .warning)
        let finding = try #require(report.findings.first { $0.kind == .behind && $0.project == nil })
        #expect(finding.amount == 40_000_000)
        guard case let .behind(_, _, executedPercent, targetPercent, shortfall, _) = finding.facts else {
            Issue.record("expected behind facts"); return
        }
        #expect(executedPercent == 23)
        #expect(targetPercent == 27)
        #expect(shortfall == 40_000_000)
    }

    @Test func totalEqualsTheProgrammeAndIsNeverAveraged() throws {
        let report = F.report(F.march)
        let program = try #require(report.programs.first).row
        #expect(report.total.budget == program.budget)
        #expect(report.total.targetBase == program.targetBase)
        #expect(report.total.targetBaseExecuted == program.targetBaseExecuted)
        #expect(report.total.target == program.target)
        // The average of the three sub-projects' rates (28.3 %, 15 %, 35 %) is not the total's 25 %.
        #expect(report.total.executedPercent == 25)
    }

    @Test func withoutExcludedLinesBothBasesAreTheSameMoney() throws {
        let report = ComparisonFixture.report(ComparisonFixture.typical)
        for row in [report.total] + report.programs.flatMap({ [$0.row] + $0.projects }) {
            #expect(row.targetBase == row.budget)
            #expect(row.targetBaseExecuted == row.executed)
            #expect(row.targetBaseExecutedPercent == row.executedPercent)
            #expect(!row.hasExcludedLines)
        }
    }

    @Test func chartSeriesAreDrawnOnTargetBase() throws {
        let report = F.report(F.march)
        let series = try #require(report.series.first { $0.id == "P1" })
        #expect(series.budget == 1_000_000_000)
        #expect(series.points.last?.executed == 230_000_000)
        #expect(series.points.last?.target == 270_000_000)
    }
}

struct YearEndProjectionTests {
    typealias F = ExcludedFixture

    @Test func projectionOfEachRowByHand() throws {
        let report = F.report(F.march)
        let rows = try #require(report.programs.first).projects
        func row(_ id: String) throws -> ExecutionRow { try #require(rows.first { $0.id == id }) }
        // 284 days to 31 December.
        #expect(try row("P1-A").yearEnd.daysLeft == 284)
        // P1-A: 170,000,000 + 17,500,000 × 284 / 7 = 880,000,000, capped at the budget: no lapse.
        #expect(try row("P1-A").yearEnd.executed == 600_000_000)
        #expect(try row("P1-A").yearEnd.lapse == 0)
        // P1-B: 60,000,000 + ⌊5,000,000 × 284 / 7⌋ = 60,000,000 + 202,857,142.
        #expect(try row("P1-B").yearEnd.executed == 262_857_142)
        #expect(try row("P1-B").yearEnd.lapse == 137_142_858)
        // P1-X: 70,000,000 + 202,857,142, capped at ₩2억.
        #expect(try row("P1-X").yearEnd.executed == 200_000_000)
        // The programme sums its lines' money.
        let program = try #require(report.programs.first).row
        #expect(program.yearEnd.executed == 1_062_857_142)
        #expect(program.yearEnd.lapse == 137_142_858)
        #expect(report.total.yearEnd == program.yearEnd)
        // Before the last milestone nothing is due, so no lapse-risk finding.
        #expect(!program.yearEndDue)
        #expect(!report.findings.contains { $0.kind == .lapseRisk })
    }

    @Test func afterTheLastMilestoneLapseRiskFiresPerLine() throws {
        // 2009-W28 ends on Sunday 12 July: 172 days to 31 December; velocity over W24–W28.
        let report = F.report(F.july, plan: F.plan(milestones: F.firstHalf), week: F.w28)
        let program = try #require(report.programs.first)
        func row(_ id: String) throws -> ExecutionRow { try #require(program.projects.first { $0.id == id }) }
        #expect(try row("P1-B").yearEnd.daysLeft == 172)
        #expect(try row("P1-B").yearEndDue)
        // P1-A: 360,000,000 + 15,000,000 × 172 / 7 > ₩6억: no lapse.
        #expect(try row("P1-A").yearEnd.lapse == 0)
        // P1-B: (220 − 200) / 4 = 5,000,000 a week; ⌊5,000,000 × 172 / 7⌋ = 122,857,142.
        #expect(try row("P1-B").velocity == 5_000_000)
        #expect(try row("P1-B").yearEnd.executed == 342_857_142)
        #expect(try row("P1-B").yearEnd.lapse == 57_142_858)
        // P1-X: (108 − 100) / 4 = 2,000,000 a week; ⌊2,000,000 × 172 / 7⌋ = 49,142,857.
        #expect(try row("P1-X").yearEnd.executed == 157_142_857)
        #expect(try row("P1-X").yearEnd.lapse == 42_857_143)
        // Programme: 57,142,858 + 42,857,143 = 100,000,001 of ₩12억 = 8.33 %, under the 10 % line.
        #expect(program.row.yearEnd.lapse == 100_000_001)

        let lapses = report.findings.filter { $0.kind == .lapseRisk }
        // P1-B: 14.29 % ≥ 10 % → warning; P1-X: 21.43 % ≥ 20 % → critical (불용 of 인건비 counts too).
        #expect(lapses.map(\.project) == ["P1-X", "P1-B"])
        #expect(lapses.map(\.severity) == [.critical, .warning])
        #expect(lapses.map(\.amount) == [42_857_143, 57_142_858])

        // Both bases after June: 대상액 580,000,000 of ₩10억 = 58 %; 예산현액 688,000,000 of ₩12억.
        #expect(program.row.targetBaseExecutedPercent == 58)
        #expect(program.row.targetPercent == 60)
        #expect(program.row.shortfall == 20_000_000)
        let budgetRate: Double = 688.0 / 12
        #expect(abs(program.row.executedPercent - budgetRate) < 1e-9)
    }

    @Test(arguments: [(Int64(1_500), 1), (Int64(500), 4)])
    func theThresholdDecidesWhatFires(lapseRisk: Int64, expected: Int) {
        // 15 %: only P1-X (21.43 %); 5 %: P1-B, P1-X and the programme (8.33 %) and the total.
        let thresholds = Thresholds(lapseRisk: lapseRisk, lapseCritical: 5_000)
        let report = F.report(F.july, plan: F.plan(milestones: F.firstHalf), thresholds: thresholds, week: F.w28)
        let lapses = report.findings.filter { $0.kind == .lapseRisk }
        #expect(lapses.count == expected)
    }

    @Test func aFallingFigureProjectsNoSpending() {
        let p = YearEndProjection.project(budget: 100, executed: 40, velocity: -5, daysLeft: 70)
        #expect(p.executed == 40)
        #expect(p.lapse == 60)
    }
}

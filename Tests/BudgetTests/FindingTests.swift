import Testing
@testable import Budget

struct FindingTests {
    typealias F = ComparisonFixture

    func findings(_ figures: [Figure], thresholds: Thresholds = Thresholds()) -> [Finding] {
        F.report(figures, thresholds: thresholds).findings
    }

    @Test func behindNamesTheMoneyAndTheWeeklySpend() throws {
        let behind = try #require(findings(F.typical).first { $0.kind == .behind && $0.project == "P1-B" })
        #expect(behind.severity == .critical)
        guard case let .behind(id, _, executedPercent, targetPercent, shortfall, next) = behind.facts else {
            Issue.record("not the facts of behind: \(behind.facts)")
            return
        }
        #expect(id == "P1-B")
        #expect(WonFormat.decimal(targetPercent - executedPercent) == "12.0")
        #expect(shortfall == 48_000_000)
        #expect(behind.amount == 48_000_000)
        #expect(next?.date == CalendarDate(year: 2009, month: 3, day: 31))
        #expect(next?.percent == 30)
        #expect(next?.requiredWeekly == 60_000_000)   // all of it in the nine days left
        #expect(!findings(F.typical).contains { $0.project == "P1-A" })
    }

    @Test func overspentIsCritical() throws {
        let list = findings([F.figure(F.w12, "P1-A", 650_000_000), F.figure(F.w12, "P1-B", 108_000_000)])
        let finding = try #require(list.first { $0.kind == .overspent })
        #expect(finding.project == "P1-A")
        #expect(finding.severity == .critical)
        #expect(finding.facts == .overspent(id: "P1-A", name: "로봇 기술개발", executed: 650_000_000, budget: 600_000_000))
        #expect(finding.amount == 50_000_000)
    }

    @Test func missingCountsAtTheLastReportedFigure() throws {
        let figures = [F.figure(F.w11, "P1-A", 150_000_000), F.figure(F.w11, "P1-B", 50_000_000), F.figure(F.w12, "P1-A", 170_000_000)]
        let report = F.report(figures)
        let missing = try #require(report.findings.first { $0.kind == .missing })
        #expect(missing.project == "P1-B")
        #expect(missing.facts == .missing(id: "P1-B", name: "바이오 인력양성", week: F.w12,
                                          lastReported: F.figure(F.w11, "P1-B", 50_000_000), owner: "바이오센터"))
        #expect(report.programs.first?.projects.last?.executed == 50_000_000)
        #expect(report.programs.first?.projects.last?.weekChange == 0)
    }

    @Test func neverReportedCountsAsZero() throws {
        let report = F.report([F.figure(F.w12, "P1-A", 170_000_000)])
        #expect(report.programs.first?.projects.last?.executed == 0)
        #expect(report.findings.contains { $0.facts == .missing(id: "P1-B", name: "바이오 인력양성", week: F.w12, lastReported: nil, owner: "바이오센터") })
    }

    @Test func unknownIsLeftOutOfEverySum() throws {
        let figures = F.typical + [Figure(week: F.w12, program: "P9", project: "P9-Z", executed: 999_000_000)]
        let report = F.report(figures)
        let unknown = try #require(report.findings.first { $0.kind == .unknown })
        #expect(unknown.project == "P9-Z")
        #expect(unknown.facts == .unknown(program: "P9", project: "P9-Z", executed: 999_000_000))
        #expect(report.total.executed == 230_000_000)
    }

    @Test func regressedWhenTheCumulativeFigureFalls() throws {
        let list = findings([F.figure(F.w11, "P1-A", 170_000_000), F.figure(F.w12, "P1-A", 160_000_000), F.figure(F.w12, "P1-B", 108_000_000)])
        let finding = try #require(list.first { $0.kind == .regressed })
        #expect(finding.project == "P1-A")
        #expect(finding.facts == .regressed(id: "P1-A", name: "로봇 기술개발", previous: 170_000_000, previousWeek: F.w11,
                                            executed: 160_000_000, owner: "로봇센터"))
    }

    @Test("a fall that comes with a moved budget (이용·전용, 과목경정) is budget-changed, not regressed",
          arguments: [(Int64?.none, Int64?.some(500_000_000)), (.some(600_000_000), .some(500_000_000))])
    func budgetChangedInsteadOfRegressed(_ before: Int64?, _ after: Int64?) throws {
        let list = findings([F.figure(F.w11, "P1-A", 170_000_000, budget: before), F.figure(F.w12, "P1-A", 160_000_000, budget: after),
                             F.figure(F.w12, "P1-B", 108_000_000)])
        #expect(!list.contains { $0.kind == .regressed })
        let finding = try #require(list.first { $0.kind == .budgetChanged })
        #expect(finding.facts == .budgetChanged(id: "P1-A", name: "로봇 기술개발", previousWeek: F.w11, previousBudget: 600_000_000,
                                                budget: 500_000_000, previousExecuted: 170_000_000, executed: 160_000_000))
    }

    @Test func aFallWithTheSameBudgetStaysRegressed() {
        let list = findings([F.figure(F.w11, "P1-A", 170_000_000, budget: 700_000_000), F.figure(F.w12, "P1-A", 160_000_000, budget: 700_000_000),
                             F.figure(F.w12, "P1-B", 108_000_000)])
        #expect(list.contains { $0.kind == .regressed })
        #expect(!list.contains { $0.kind == .budgetChanged })
    }

    @Test("stalled after the configured weeks without change while behind", arguments: [(2, true), (3, false)])
    func stalled(stallWeeks: Int, expected: Bool) {
        let figures = [F.w10, F.w11, F.w12].flatMap { [F.figure($0, "P1-A", 162_000_000), F.figure($0, "P1-B", 50_000_000)] }
        let list = findings(figures, thresholds: Thresholds(stallWeeks: stallWeeks))
        #expect(list.contains { $0.kind == .stalled && $0.project == "P1-B" } == expected)
        // P1-A has not moved either, but it is on its target: not a stall worth reporting.
        #expect(!list.contains { $0.kind == .stalled && $0.project == "P1-A" })
    }

    @Test func revisedBudgetIsUsedAndSaid() throws {
        let figures = [F.figure(F.w12, "P1-A", 170_000_000, budget: 800_000_000), F.figure(F.w12, "P1-B", 108_000_000)]
        let report = F.report(figures)
        #expect(report.findings.contains {
            $0.project == "P1-A" && $0.facts == .budgetRevised(id: "P1-A", name: "로봇 기술개발", planned: 600_000_000, revised: 800_000_000)
        })
        #expect(report.programs.first?.projects.first?.budget == 800_000_000)
        #expect(report.programs.first?.row.budget == 1_200_000_000)
    }

    @Test func worstFindingsComeFirst() {
        let list = findings([F.figure(F.w11, "P1-A", 150_000_000), F.figure(F.w12, "P1-B", 10_000_000)])
        let severities = list.map(\.severity)
        #expect(severities == severities.sorted(by: >))
    }
}

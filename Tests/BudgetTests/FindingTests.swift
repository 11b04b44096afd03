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
        #expect(behind.message.contains("12.0%p"))
        #expect(behind.message.contains("48,000,000원"))
        #expect(behind.message.contains("2009-03-31까지 30%"))
        #expect(behind.message.contains("주당 0.6억원"))   // 60,000,000 in the nine days left
        #expect(!findings(F.typical).contains { $0.project == "P1-A" })
    }

    @Test func overspentIsCritical() throws {
        let list = findings([F.figure(F.w12, "P1-A", 650_000_000), F.figure(F.w12, "P1-B", 108_000_000)])
        let finding = try #require(list.first { $0.kind == .overspent })
        #expect(finding.project == "P1-A")
        #expect(finding.severity == .critical)
        #expect(finding.message.contains("50,000,000원"))
    }

    @Test func missingCountsAtTheLastReportedFigure() throws {
        let figures = [F.figure(F.w11, "P1-A", 150_000_000), F.figure(F.w11, "P1-B", 50_000_000), F.figure(F.w12, "P1-A", 170_000_000)]
        let report = F.report(figures)
        let missing = try #require(report.findings.first { $0.kind == .missing })
        #expect(missing.project == "P1-B")
        #expect(missing.message.contains("2009-W11"))
        #expect(report.programs.first?.projects.last?.executed == 50_000_000)
        #expect(report.programs.first?.projects.last?.weekChange == 0)
    }

    @Test func neverReportedCountsAsZero() throws {
        let report = F.report([F.figure(F.w12, "P1-A", 170_000_000)])
        #expect(report.programs.first?.projects.last?.executed == 0)
        #expect(report.findings.contains { $0.kind == .missing && $0.message.contains("보고 이력 없음") })
    }

    @Test func unknownIsLeftOutOfEverySum() throws {
        let figures = F.typical + [Figure(week: F.w12, program: "P9", project: "P9-Z", executed: 999_000_000)]
        let report = F.report(figures)
        let unknown = try #require(report.findings.first { $0.kind == .unknown })
        #expect(unknown.project == "P9-Z")
        #expect(report.total.executed == 230_000_000)
    }

    @Test func regressedWhenTheCumulativeFigureFalls() throws {
        let list = findings([F.figure(F.w11, "P1-A", 170_000_000), F.figure(F.w12, "P1-A", 160_000_000), F.figure(F.w12, "P1-B", 108_000_000)])
        let finding = try #require(list.first { $0.kind == .regressed })
        #expect(finding.project == "P1-A")
        #expect(finding.message.contains("10,000,000원"))
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
        #expect(report.findings.contains { $0.kind == .budgetRevised && $0.project == "P1-A" })
        #expect(report.programs.first?.projects.first?.budget == 800_000_000)
        #expect(report.programs.first?.row.budget == 1_200_000_000)
    }

    @Test func worstFindingsComeFirst() {
        let list = findings([F.figure(F.w11, "P1-A", 150_000_000), F.figure(F.w12, "P1-B", 10_000_000)])
        let severities = list.map(\.severity)
        #expect(severities == severities.sorted(by: >))
    }
}

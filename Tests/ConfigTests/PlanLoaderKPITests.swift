import Budget
import Config
import Foundation
import Testing
import TestSupport

/// KPIs in plan.yml: an optional curve of their own, checked like the budget's milestones.
struct PlanLoaderKPITests {
    static let head = """
    fiscal_year: 2009
    milestones:
      - { by: 2009-12-31, percent: 100 }
    programs:
      - id: P
        name: 사업
        budget: 100
        projects:
          - { id: P-1, name: 일, budget: 100, owner: 팀 }

    """

    func load(_ kpis: String) throws -> Plan {
        let dir = try TemporaryDirectory("plan-kpi")
        let path = dir.appendingPathComponent("plan.yml").path
        try Data((Self.head + kpis).utf8).write(to: URL(fileURLWithPath: path))
        return try PlanLoader.load(path: path)
    }

    @Test func kpiMilestonesAreRead() throws {
        let plan = try load("""
        kpis:
          - id: jobs
            name: 신규 일자리
            unit: 명
            target: 750
            projects: [P-1]
            milestones:
              - { by: 2009-06-30, percent: 40 }
              - { by: 2009-12-31, percent: 100 }
        """)
        let kpi = try #require(plan.kpis.first)
        #expect(kpi.milestones?.map(\.basisPoints) == [4_000, 10_000])
        // 40 % of 750 by 30 June.
        #expect(kpi.curve(fiscalYear: 2009).targetAmount(of: kpi.target, on: CalendarDate(year: 2009, month: 6, day: 30)!) == 300)
    }

    @Test func aKPIWithoutMilestonesRunsLinearlyToTheYearEnd() throws {
        let plan = try load("kpis:\n  - { id: jobs, name: 일자리, unit: 명, target: 365, projects: [P-1] }\n")
        let kpi = try #require(plan.kpis.first)
        #expect(kpi.milestones == nil)
        #expect(kpi.curve(fiscalYear: 2009).targetAmount(of: 365, on: CalendarDate(year: 2009, month: 1, day: 31)!) == 31)
    }

    @Test func decreasingKPIMilestonesNameTheLine() throws {
        #expect {
            try load("""
            kpis:
              - id: jobs
                name: 일자리
                target: 10
                milestones:
                  - { by: 2009-06-30, percent: 60 }
                  - { by: 2009-09-30, percent: 50 }
            """)
        } throws: { error in
            "\(error)".contains("plan.yml") && "\(error)".contains("previous milestone")
        }
    }
}

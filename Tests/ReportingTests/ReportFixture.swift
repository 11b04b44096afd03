import Budget
import Foundation
import Reporting
import TestSupport

/// A small plan and its figures whose report every Reporting test renders.
enum ReportFixture {
    static func week(_ n: Int) -> ISOWeek { ISOWeek(year: 2009, week: n)! }

    static func plan(projectName: String = "RF 부품 기술개발") -> Plan {
        Plan(
            fiscalYear: 2009,
            milestones: [Milestone(date: CalendarDate(year: 2009, month: 3, day: 31)!, basisPoints: 3_000),
                         Milestone(date: CalendarDate(year: 2009, month: 6, day: 30)!, basisPoints: 6_000),
                         Milestone(date: CalendarDate(year: 2009, month: 12, day: 31)!, basisPoints: 10_000)],
            programs: [
                Program(id: "RSI2", name: "지역전략산업", budget: 3_000_000_000, projects: [
                    Project(id: "RSI2-01", name: projectName, budget: 1_800_000_000, owner: "고주파센터"),
                    Project(id: "RSI2-02", name: "바이오 기업지원", budget: 1_200_000_000, owner: "바이오센터"),
                ]),
                Program(id: "ECO", name: "경제활성화", budget: 1_000_000_000, projects: [
                    Project(id: "ECO-01", name: "스타기업 지원", budget: 600_000_000, owner: "고주파센터"),
                    Project(id: "ECO-02", name: "신기술창업", budget: 400_000_000, owner: "창업보육팀"),
                ]),
            ],
            kpis: [KPI(id: "jobs", name: "신규 일자리", unit: "명", target: 100, projects: ["ECO-01", "ECO-02"])])
    }

    /// Weeks 2–14 for every sub-project; RSI2-01 and ECO-01 lag, the others run ahead.
    static func history() -> FigureHistory {
        var figures: [Figure] = []
        let pace: [String: (program: String, weekly: Won)] = [
            "RSI2-01": ("RSI2", 20_000_000), "RSI2-02": ("RSI2", 40_000_000),
            "ECO-01": ("ECO", 8_000_000), "ECO-02": ("ECO", 12_000_000),
        ]
        for n in 2...14 {
            for (id, p) in pace.sorted(by: { $0.key < $1.key }) {
                let kpis: [String: Int64] = id.hasPrefix("ECO") ? ["jobs": Int64(n)] : [:]
                figures.append(Figure(week: week(n), program: p.program, project: id, executed: p.weekly * Won(n - 1), kpis: kpis))
            }
        }
        return FigureHistory(figures)
    }

    static func report(projectName: String = "RF 부품 기술개발", week n: Int = 12) -> WeekReport {
        WeeklyComparison(plan: plan(projectName: projectName), thresholds: Thresholds())
            .report(week: week(n), history: history(), generatedAt: "2009-03-23T08:00:00+09:00")
    }

    static func templates() throws -> TemplateSet {
        try TemplateSet(builtIn: Paths.root.appendingPathComponent("Templates").path, overrides: nil)
    }

    static func rendered(projectName: String = "RF 부품 기술개발", week n: Int = 12) throws -> RenderedReport {
        try RenderedReport(report(projectName: projectName, week: n), templates: templates())
    }
}

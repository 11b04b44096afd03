import Budget
import Testing

/// The weekly series behind the charts follows the rows' rules and never looks past the report week.
struct ExecutionSeriesTests {
    static func week(_ n: Int) -> ISOWeek { ISOWeek(year: 2009, week: n)! }

    static let plan = Plan(
        fiscalYear: 2009,
        milestones: [Milestone(date: CalendarDate(year: 2009, month: 3, day: 31)!, basisPoints: 3_000),
                     Milestone(date: CalendarDate(year: 2009, month: 6, day: 30)!, basisPoints: 6_000),
                     Milestone(date: CalendarDate(year: 2009, month: 12, day: 31)!, basisPoints: 10_000)],
        programs: [
            Program(id: "A", name: "가", budget: 1_000, projects: [
                Project(id: "A-1", name: "가1", budget: 600, owner: "팀1"),
                Project(id: "A-2", name: "가2", budget: 400, owner: "팀2"),
            ]),
            Program(id: "B", name: "나", budget: 500, projects: [Project(id: "B-1", name: "나1", budget: 500, owner: "팀1")]),
        ])

    static let history = FigureHistory([
        Figure(week: week(2), program: "A", project: "A-1", executed: 10),
        Figure(week: week(3), program: "A", project: "A-1", executed: 30),
        // A-1 skips W04: it counts at its W03 figure.
        Figure(week: week(5), program: "A", project: "A-1", executed: 70),
        Figure(week: week(4), program: "A", project: "A-2", executed: 20),
        Figure(week: week(3), program: "B", project: "B-1", executed: 50),
        // After the report week.
        Figure(week: week(6), program: "A", project: "A-1", executed: 500),
        Figure(week: week(9), program: "B", project: "B-1", executed: 400),
    ])

    @Test func weeksFromTheYearStartThroughTheReportWeekOnly() throws {
        let series = ExecutionSeries.build(plan: Self.plan, history: Self.history, through: Self.week(5))
        #expect(series.map(\.id) == ["A", "B", "TOTAL"])
        for s in series {
            #expect(s.points.map(\.week) == (1...5).map(Self.week))
            #expect(s.points.allSatisfy { $0.week <= Self.week(5) })
        }
        let a = try #require(series.first)
        // W01 nothing, W02 10, W03 30, W04 30 (A-1 carried) + 20, W05 70 + 20.
        #expect(a.points.map(\.executed) == [0, 10, 30, 50, 90])
        let total = try #require(series.last)
        #expect(total.points.map(\.executed) == [0, 10, 80, 100, 140])
        #expect(total.budget == 1_500)
    }

    @Test func lastPointMatchesTheWeeksRows() throws {
        let report = WeeklyComparison(plan: Self.plan, thresholds: Thresholds())
            .report(week: Self.week(5), history: Self.history, generatedAt: "t")
        let total = try #require(report.series.last)
        #expect(total.points.last?.executed == report.total.executed)
        #expect(total.points.last?.target == report.total.target)
        for program in report.programs {
            let s = try #require(report.series.first { $0.id == program.row.id })
            #expect(s.points.last?.executed == program.row.executed)
            #expect(s.milestones.map(\.amount) == [program.row.budget * 3 / 10, program.row.budget * 6 / 10, program.row.budget])
        }
    }
}

import Budget
import Testing

/// The per-owner action list adds up to the rows it lists.
struct OwnerActionsTests {
    @Test func ownersSumTheirBehindSubProjects() throws {
        let week = ISOWeek(year: 2009, week: 5)!
        let plan = ExecutionSeriesTests.plan
        // Everyone far behind except A-2, which is ahead.
        let history = FigureHistory([
            Figure(week: week, program: "A", project: "A-1", executed: 0),
            Figure(week: week, program: "A", project: "A-2", executed: 200),
            Figure(week: week, program: "B", project: "B-1", executed: 1),
        ])
        let report = WeeklyComparison(plan: plan, thresholds: Thresholds()).report(week: week, history: history, generatedAt: "t")
        let actions = report.ownerActions
        #expect(actions.map(\.owner) == ["팀1"])
        let team = try #require(actions.first)
        #expect(team.items.map(\.id) == ["A-1", "B-1"])
        #expect(team.shortfall == team.items.reduce(0) { $0 + $1.shortfall })
        #expect(team.requiredWeekly == team.items.reduce(0) { $0 + ($1.nextMilestone?.requiredWeekly ?? 0) })
        // 30 % of 600 (180) due 31 March, 58 days (8 whole weeks) after Sunday 1 February: ceil(180 / 8).
        let a1 = try #require(team.items.first)
        #expect(a1.nextMilestone?.amountLeft == 180)
        #expect(a1.nextMilestone?.requiredWeekly == Won((180 + 7) / 8))
    }
}

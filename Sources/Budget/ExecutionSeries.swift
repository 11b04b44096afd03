/// Cumulative execution of a programme (or the total) week by week, for charts.
///
/// Built from the same figures and rules as the week's rows: a sub-project without a row in a week
/// counts at its last reported figure, and nothing reported after the report week is ever read,
/// so a rerun of a back week draws what was known then.
public struct ExecutionSeries: Sendable, Hashable {
    /// One week of the series: the cumulative amounts as of its Sunday.
    public struct Point: Sendable, Hashable {
        public let week: ISOWeek
        public let executed: Won
        /// What the early-execution curve asks for by the week's Sunday, rounded up to the won.
        public let target: Won

        public init(week: ISOWeek, executed: Won, target: Won) {
            self.week = week
            self.executed = executed
            self.target = target
        }
    }

    /// A milestone of the row's curve with the amount it asks of the row's budget.
    public struct MilestonePoint: Sendable, Hashable {
        public let date: CalendarDate
        public let percent: Double
        public let amount: Won

        public init(date: CalendarDate, percent: Double, amount: Won) {
            self.date = date
            self.percent = percent
            self.amount = amount
        }
    }

    /// The programme id, or `TOTAL`.
    public let id: String
    public let name: String
    /// The budget as of the report week, so the last point matches the week's row.
    public let budget: Won
    /// 31 December of the year before the fiscal year: where the curve starts at 0.
    public let start: CalendarDate
    /// From the first week of the fiscal year through the report week, in order.
    public let points: [Point]
    /// Every milestone of the year (past and future), for marking the chart.
    public let milestones: [MilestonePoint]

    public init(id: String, name: String, budget: Won, start: CalendarDate, points: [Point], milestones: [MilestonePoint]) {
        self.id = id
        self.name = name
        self.budget = budget
        self.start = start
        self.points = points
        self.milestones = milestones
    }
}

extension ExecutionSeries {
    /// One series per programme, in plan order, then the total.
    public static func build(plan: Plan, history: FigureHistory, through week: ISOWeek) -> [ExecutionSeries] {
        let start = plan.curve.start
        let first = ISOWeek(containing: start.adding(days: 1))
        let weeks = first <= week ? (0...week.weeks(since: first)).map { first.adding(weeks: $0) } : []

        // The report week's budget (a 추경 reported that week) applies to the whole series, as it does to the row.
        typealias Member = (project: Project, curve: EarlyExecutionCurve, budget: Won)
        func member(_ project: Project, _ curve: EarlyExecutionCurve) -> Member {
            (project, curve, history.figure(project: project.id, week: week)?.budget ?? project.budget)
        }
        func points(_ members: [Member]) -> [Point] {
            weeks.map { w in
                var executed: Won = 0
                var target: Won = 0
                for m in members {
                    executed += history.executed(project: m.project.id, asOf: w, fiscalYear: plan.fiscalYear)
                    target += m.curve.targetAmount(of: m.budget, on: w.sunday)
                }
                return Point(week: w, executed: executed, target: target)
            }
        }
        func series(id: String, name: String, members: [Member], milestoneDates: [Milestone], points: [Point]) -> ExecutionSeries {
            let milestones = milestoneDates.map { m in
                MilestonePoint(date: m.date, percent: m.percent,
                               amount: members.reduce(0) { $0 + $1.curve.targetAmount(of: $1.budget, on: m.date) })
            }
            return ExecutionSeries(id: id, name: name, budget: members.reduce(0) { $0 + $1.budget },
                                   start: start, points: points, milestones: milestones)
        }

        var all: [Member] = []
        var out: [ExecutionSeries] = []
        // The total's weekly points are the programmes' summed (whole won), not every sub-project read again.
        var total = weeks.map { Point(week: $0, executed: 0, target: 0) }
        for program in plan.programs {
            // Charts compare execution with the curve, so they are drawn on 대상액: excluded lines stay out.
            let members = program.projects.filter { !$0.excluded }.map { member($0, plan.curve(for: $0, in: program)) }
            all += members
            let programPoints = points(members)
            for (index, point) in programPoints.enumerated() {
                total[index] = Point(week: point.week, executed: total[index].executed + point.executed,
                                     target: total[index].target + point.target)
            }
            out.append(series(id: program.id, name: program.name, members: members,
                              milestoneDates: plan.curve(for: program).milestones, points: programPoints))
        }
        out.append(series(id: "TOTAL", name: "합계", members: all, milestoneDates: plan.curve.milestones, points: total))
        return out
    }
}

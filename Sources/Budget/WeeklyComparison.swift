/// Compares a week's figures with the early-execution plan.
///
/// Pure: the caller passes every figure known so far and the time the report is generated.
/// Figures of later weeks are ignored, so a rerun of a back week sees what was known then.
public struct WeeklyComparison: Sendable {
    public let plan: Plan
    public let thresholds: Thresholds

    public init(plan: Plan, thresholds: Thresholds) {
        self.plan = plan
        self.thresholds = thresholds
    }

    public func report(week: ISOWeek, history: FigureHistory, generatedAt: String) -> WeekReport {
        let asOf = week.sunday
        var findings: [Finding] = []
        var programReports: [ProgramReport] = []
        var totals = Accumulator()

        for program in plan.programs {
            var sums = Accumulator()
            var rows: [ExecutionRow] = []
            for project in program.projects {
                let curve = plan.curve(for: project, in: program)
                let reported = history.figure(project: project.id, week: week)
                let budget = reported?.budget ?? project.budget
                let executed = history.executed(project: project.id, asOf: week, fiscalYear: plan.fiscalYear)
                let previous = history.executed(project: project.id, asOf: week.adding(weeks: -1), fiscalYear: plan.fiscalYear)
                let window = velocityWindow(week)
                let base = history.executed(project: project.id, asOf: week.adding(weeks: -window), fiscalYear: plan.fiscalYear)
                let velocity = Won.roundedDiv(executed - base, Int64(window))
                let target = curve.targetAmount(of: budget, on: asOf)
                let next = curve.nextMilestone(after: asOf).map {
                    NextMilestone(date: $0.date, percent: $0.percent, amount: $0.amount(of: budget), executed: executed, asOf: asOf)
                }
                let row = ExecutionRow(
                    id: project.id, name: project.name, owner: project.owner, budget: budget, executed: executed,
                    target: target, targetPercent: curve.percent(on: asOf), weekChange: executed - previous,
                    velocity: velocity, nextMilestone: next,
                    status: thresholds.status(executed: executed, target: target, budget: budget))
                rows.append(row)
                sums.add(row)
                findings += projectFindings(row: row, program: program, plannedBudget: project.budget,
                                            reported: reported, week: week, history: history)
            }
            let programRow = sums.row(id: program.id, name: program.name, curve: plan.curve(for: program),
                                      asOf: asOf, thresholds: thresholds) { date in
                targetAmount(of: program, on: date, week: week, history: history)
            }
            if programRow.status != .onTrack {
                findings.append(Finding(
                    severity: programRow.status == .critical ? .critical : .warning,
                    program: program.id, project: nil, facts: Self.behindFacts(programRow), amount: programRow.shortfall))
            }
            programReports.append(ProgramReport(row: programRow, projects: rows))
            totals.add(programRow)
        }

        let planned = Set(plan.programs.flatMap { $0.projects.map(\.id) })
        for figure in history.figures(in: week) where !planned.contains(figure.project) {
            findings.append(Finding(
                severity: .warning, program: figure.program, project: figure.project,
                facts: .unknown(program: figure.program, project: figure.project, executed: figure.executed)))
        }

        let total = totals.row(id: "TOTAL", name: "합계", curve: plan.curve, asOf: asOf, thresholds: thresholds) { date in
            plan.programs.reduce(0) { $0 + targetAmount(of: $1, on: date, week: week, history: history) }
        }
        let kpis = KPIStatus.statuses(plan: plan, history: history, week: week, thresholds: thresholds)
        findings += kpis.filter { $0.status != .onTrack }.map(Self.kpiFinding)
        return WeekReport(week: week, asOf: asOf, generatedAt: generatedAt, total: total,
                          programs: programReports, findings: findings.sorted(by: Self.worstFirst), curve: plan.curve,
                          series: ExecutionSeries.build(plan: plan, history: history, through: week),
                          kpis: kpis)
    }

    /// What a programme's sub-projects must have executed by `date`: each one's target rounded up, then summed.
    func targetAmount(of program: Program, on date: CalendarDate, week: ISOWeek, history: FigureHistory) -> Won {
        program.projects.reduce(0) { total, project in
            let budget = history.figure(project: project.id, week: week)?.budget ?? project.budget
            return total + plan.curve(for: project, in: program).targetAmount(of: budget, on: date)
        }
    }

    /// Weeks to average velocity over: four, or fewer in the first weeks of the fiscal year.
    func velocityWindow(_ week: ISOWeek) -> Int {
        let yearStart = CalendarDate.december31(plan.fiscalYear - 1)
        let weeksIntoYear = (week.sunday.days(since: yearStart) + 6) / 7
        return max(1, min(4, weeksIntoYear))
    }

    private func projectFindings(row: ExecutionRow, program: Program, plannedBudget: Won, reported: Figure?,
                                 week: ISOWeek, history: FigureHistory) -> [Finding] {
        var out: [Finding] = []
        func add(_ severity: Severity, _ facts: Finding.Facts, amount: Won? = nil) {
            out.append(Finding(severity: severity, program: program.id, project: row.id, facts: facts, amount: amount))
        }
        if reported == nil {
            add(.warning, .missing(id: row.id, name: row.name, week: week,
                                   lastReported: history.latest(project: row.id, atOrBefore: week), owner: row.owner))
        }
        if row.status != .onTrack {
            add(row.status == .critical ? .critical : .warning, Self.behindFacts(row), amount: row.shortfall)
        }
        if row.executed > row.budget {
            add(.critical, .overspent(id: row.id, name: row.name, executed: row.executed, budget: row.budget),
                amount: row.executed - row.budget)
        }
        if let reported, let previous = history.latest(project: row.id, atOrBefore: week.adding(weeks: -1)),
           reported.executed < previous.executed, previous.week.sunday.year >= plan.fiscalYear {
            // A budget that moved with the figure (이용·전용 out of the line, 과목경정 of what was paid) explains
            // the fall: say that, not a regression a person must chase.
            let previousBudget = previous.budget ?? plannedBudget
            if let budget = reported.budget, budget != previousBudget {
                add(.info, .budgetChanged(id: row.id, name: row.name, previousWeek: previous.week, previousBudget: previousBudget, budget: budget,
                                          previousExecuted: previous.executed, executed: reported.executed))
            } else {
            add(.warning, .regressed(id: row.id, name: row.name, previous: previous.executed, previousWeek: previous.week,
                                     executed: reported.executed, owner: row.owner))
            }
        }
        if let budget = reported?.budget, budget != plannedBudget {
            add(.info, .budgetRevised(id: row.id, name: row.name, planned: plannedBudget, revised: budget))
        }
        let stalledFor = stalledWeeks(project: row.id, week: week, history: history)
        if row.executed < row.target, stalledFor >= thresholds.stallWeeks {
            add(.warning, .stalled(id: row.id, name: row.name, weeks: stalledFor, executed: row.executed, gapPP: row.gapPP))
        }
        return out
    }

    /// Consecutive weeks up to `week` with a reported figure and no change from the week before.
    private func stalledWeeks(project: String, week: ISOWeek, history: FigureHistory) -> Int {
        var count = 0
        var current = week
        while let figure = history.figure(project: project, week: current),
              let before = history.figure(project: project, week: current.adding(weeks: -1)),
              figure.executed == before.executed {
            count += 1
            current = current.adding(weeks: -1)
        }
        return count
    }

    static func kpiFinding(_ kpi: KPIStatus) -> Finding {
        Finding(severity: kpi.status == .critical ? .critical : .warning, program: nil, project: nil, facts: .kpiBehind(kpi))
    }

    /// The facts of a row behind its curve: the rates, the shortfall and the next milestone.
    static func behindFacts(_ row: ExecutionRow) -> Finding.Facts {
        .behind(id: row.id, name: row.name, executedPercent: row.executedPercent, targetPercent: row.targetPercent,
                shortfall: row.shortfall, next: row.nextMilestone)
    }

    static func worstFirst(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        // Within a severity, the most money at stake first.
        if (a.amount ?? 0) != (b.amount ?? 0) { return (a.amount ?? 0) > (b.amount ?? 0) }
        if a.kind != b.kind { return Finding.Kind.allCases.firstIndex(of: a.kind)! < Finding.Kind.allCases.firstIndex(of: b.kind)! }
        return (a.program ?? "", a.project ?? "") < (b.program ?? "", b.project ?? "")
    }
}

/// Sums of money across rows; programme and total rows come from these, never from averaged rates.
struct Accumulator {
    var budget: Won = 0
    var executed: Won = 0
    var target: Won = 0
    var weekChange: Won = 0
    var velocity: Won = 0

    mutating func add(_ row: ExecutionRow) {
        budget += row.budget
        executed += row.executed
        target += row.target
        weekChange += row.weekChange
        velocity += row.velocity
    }

    func row(id: String, name: String, curve: EarlyExecutionCurve, asOf: CalendarDate, thresholds: Thresholds,
             targetOn: (CalendarDate) -> Won) -> ExecutionRow {
        let next = curve.nextMilestone(after: asOf).map {
            NextMilestone(date: $0.date, percent: $0.percent, amount: targetOn($0.date), executed: executed, asOf: asOf)
        }
        return ExecutionRow(
            id: id, name: name, owner: nil, budget: budget, executed: executed, target: target,
            targetPercent: percent(target, of: budget), weekChange: weekChange, velocity: velocity,
            nextMilestone: next, status: thresholds.status(executed: executed, target: target, budget: budget))
    }
}

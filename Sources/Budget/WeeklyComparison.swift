/// Compares a week's figures with the early-execution plan.
///
/// Pure: the caller passes every figure known so far and the time the report is generated.
/// Figures of later weeks are ignored, so a rerun of a back week sees what was known then.
public struct WeeklyComparison: Sendable {
    public let plan: Plan
    public let thresholds: Thresholds
    /// Large projects with their own thresholds (`watch_budget`, `watch_thresholds`), when configured.
    public let watch: WatchRule?

    public init(plan: Plan, thresholds: Thresholds, watch: WatchRule? = nil) {
        self.plan = plan
        self.thresholds = thresholds
        self.watch = watch
    }

    /// The thresholds a sub-project of `budget` is judged by: the watch rule's for a large project.
    func thresholds(forProjectOf budget: Won) -> Thresholds {
        guard let watch, watch.watches(budget: budget) else { return thresholds }
        return watch.thresholds
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
                let limits = thresholds(forProjectOf: budget)
                // An excluded line (인건비, 기본경비) has no target: it is in 예산현액, not in 대상액.
                let counts = !project.excluded
                let target = counts ? curve.targetAmount(of: budget, on: asOf) : 0
                let next = counts ? curve.nextMilestone(after: asOf).map {
                    NextMilestone(date: $0.date, percent: $0.percent, amount: $0.amount(of: budget), executed: executed, asOf: asOf)
                } : nil
                let row = ExecutionRow(
                    id: project.id, name: project.name, owner: project.owner, budget: budget, executed: executed,
                    target: target, targetPercent: counts ? curve.percent(on: asOf) : 0, weekChange: executed - previous,
                    velocity: velocity, nextMilestone: next,
                    status: counts ? limits.status(executed: executed, target: target, budget: budget) : .onTrack,
                    targetBase: counts ? budget : 0, targetBaseExecuted: counts ? executed : 0,
                    targetBaseVelocity: counts ? velocity : 0, excluded: project.excluded,
                    yearEnd: .project(budget: budget, executed: executed, velocity: velocity, daysLeft: daysToYearEnd(asOf)),
                    // An excluded line has no target to fall behind, so it is never a watched project.
                    yearEndDue: curve.nextMilestone(after: asOf) == nil, watched: counts && watch?.watches(budget: budget) == true)
                rows.append(row)
                sums.add(row)
                findings += projectFindings(row: row, program: program, plannedBudget: project.budget,
                                            reported: reported, week: week, history: history, limits: limits)
            }
            let programRow = sums.row(id: program.id, name: program.name, curve: plan.curve(for: program),
                                      asOf: asOf, thresholds: thresholds) { date in
                targetAmount(of: program, on: date, week: week, history: history)
            }
            findings += lapseFindings(programRow, program: program.id, project: nil)
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
        findings += lapseFindings(total, program: nil, project: nil)
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
            guard !project.excluded else { return total }
            let budget = history.figure(project: project.id, week: week)?.budget ?? project.budget
            return total + plan.curve(for: project, in: program).targetAmount(of: budget, on: date)
        }
    }

    /// Days from `asOf` to 31 December of the fiscal year.
    func daysToYearEnd(_ asOf: CalendarDate) -> Int {
        max(0, CalendarDate.december31(plan.fiscalYear).days(since: asOf))
    }

    /// `lapse-risk` for a row past its last milestone whose projected 불용 reaches the threshold.
    func lapseFindings(_ row: ExecutionRow, program: String?, project: String?, limits: Thresholds? = nil) -> [Finding] {
        guard row.yearEndDue, let severity = (limits ?? thresholds).lapseSeverity(lapse: row.yearEnd.lapse, budget: row.budget) else { return [] }
        return [Finding(severity: severity, program: program, project: project,
                        facts: .lapseRisk(id: row.id, name: row.name, budget: row.budget, executed: row.executed,
                                          velocity: row.velocity, projection: row.yearEnd),
                        amount: row.yearEnd.lapse)]
    }

    /// Weeks to average velocity over: four, or fewer in the first weeks of the fiscal year.
    func velocityWindow(_ week: ISOWeek) -> Int {
        let yearStart = CalendarDate.december31(plan.fiscalYear - 1)
        let weeksIntoYear = (week.sunday.days(since: yearStart) + 6) / 7
        return max(1, min(4, weeksIntoYear))
    }

    private func projectFindings(row: ExecutionRow, program: Program, plannedBudget: Won, reported: Figure?,
                                 week: ISOWeek, history: FigureHistory, limits: Thresholds) -> [Finding] {
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
        out += lapseFindings(row, program: program.id, project: row.id, limits: limits)
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
        if row.targetBaseExecuted < row.target, stalledFor >= limits.stallWeeks {
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
        .behind(id: row.id, name: row.name, executedPercent: row.targetBaseExecutedPercent, targetPercent: row.targetPercent,
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
    var targetBase: Won = 0
    var targetBaseExecuted: Won = 0
    var targetBaseVelocity: Won = 0
    var yearEnd = YearEndProjection.zero

    mutating func add(_ row: ExecutionRow) {
        budget += row.budget
        executed += row.executed
        target += row.target
        weekChange += row.weekChange
        velocity += row.velocity
        targetBase += row.targetBase
        targetBaseExecuted += row.targetBaseExecuted
        targetBaseVelocity += row.targetBaseVelocity
        yearEnd = yearEnd + row.yearEnd
    }

    func row(id: String, name: String, curve: EarlyExecutionCurve, asOf: CalendarDate, thresholds: Thresholds,
             targetOn: (CalendarDate) -> Won) -> ExecutionRow {
        let next = curve.nextMilestone(after: asOf).map {
            NextMilestone(date: $0.date, percent: $0.percent, amount: targetOn($0.date), executed: targetBaseExecuted, asOf: asOf)
        }
        return ExecutionRow(
            id: id, name: name, owner: nil, budget: budget, executed: executed, target: target,
            targetPercent: percent(target, of: targetBase), weekChange: weekChange, velocity: velocity,
            nextMilestone: next,
            status: thresholds.status(executed: targetBaseExecuted, target: target, budget: targetBase),
            targetBase: targetBase, targetBaseExecuted: targetBaseExecuted, targetBaseVelocity: targetBaseVelocity,
            yearEnd: yearEnd, yearEndDue: curve.nextMilestone(after: asOf) == nil)
    }
}

import Budget
import Intake
import Ledger
import Reporting

/// Stage 3, compare: the week against the plan's curve, plus what only history tells (`restated`, `stale-source`).
struct CompareStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    func run(week: ISOWeek, history: FigureHistory, intake: WeeklyIntake.Result, ledger: Ledger, runID: Int64) throws -> WeekReport {
        let report = WeeklyComparison(plan: loaded.plan, thresholds: loaded.config.thresholds, watch: loaded.config.watch)
            .report(week: week, history: history, generatedAt: loaded.timestamp(context.now()))
            .adding(try historyFindings(week: week, intake: intake, ledger: ledger))
            // The task force's decisions: an acknowledged finding stays in the report but sends no alert.
            .acknowledging(try ledger.acknowledgements())
        try ledger.record(findings: report.findings, runID: runID, message: Vocabulary.message)
        return report
    }

    /// `restated` for every revision noticed by a run of this week (so a rerun says it again) and `stale-source`.
    func historyFindings(week: ISOWeek, intake: WeeklyIntake.Result, ledger: Ledger) throws -> [Finding] {
        var findings = try ledger.revisions(noticedIn: week).map { revision in
            HistoryFinding.restated(week: revision.week, program: revision.program, project: revision.project,
                                    name: loaded.plan.locate(project: revision.project)?.project.name,
                                    oldExecuted: revision.oldExecuted, newExecuted: revision.newExecuted,
                                    oldBudget: revision.oldBudget, newBudget: revision.newBudget)
        }
        // The source's own totals that disagree with its rows: a warning, since one of the figures is wrong or missing.
        findings += intake.subtotalMismatches.map { check in
            Finding(severity: .warning, program: nil, project: nil, facts: .subtotalMismatch(check), amount: abs(check.difference))
        }
        if let stale = intake.stale {
            findings.append(HistoryFinding.staleSource(week: week, source: intake.sourceName, reason: stale))
        }
        return findings
    }
}

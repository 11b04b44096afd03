import Budget
import Intake
import Ledger

/// Stage 2, ledger: the source's identity and figures stored, and what was known as of the week read back.
struct LedgerStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    /// Stores the intake under `runID`; a restated figure of an earlier week is logged and kept as a revision.
    func record(_ intake: WeeklyIntake.Result, week: ISOWeek, runID: Int64, ledger: Ledger) throws -> FigureHistory {
        try ledger.recordSource(runID: runID, SourceVersion(intake.identity))
        if !intake.identity.notModified {
            let revisions = try ledger.record(figures: intake.figures, reportWeek: week, runID: runID,
                                              at: loaded.timestamp(context.now()))
            for revision in revisions {
                context.logger.warning("\(revision.project) \(revision.week) restated: \(revision.oldExecuted) → \(revision.newExecuted)")
            }
        }
        // What was known as of the week: the ledger's snapshots up to it, the source's figures just stored.
        return try ledger.history(asOf: week)
    }
}

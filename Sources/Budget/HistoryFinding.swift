/// Findings that come from the ledger's memory of earlier weeks rather than from one week's figures.
///
/// The ledger decides *whether* a figure was restated or a source is stale; this states the facts
/// (Reporting's `Vocabulary` builds the words).
public enum HistoryFinding {
    /// Why a source has nothing new for a week.
    public enum StaleReason: Sendable, Hashable {
        /// The source carries no row for the week.
        case noRows
        /// The body is byte-identical (SHA-256) to the previous week's.
        case sameDigest(previousWeek: ISOWeek, digest: String)
        /// The server answered 304 Not Modified to a conditional GET with the previous week's validators.
        case notModified(previousWeek: ISOWeek, validator: String)
    }

    /// A figure of an already stored week changed: old and new value, and the budget when it changed too.
    public static func restated(week: ISOWeek, program: String, project: String, name: String?,
                                oldExecuted: Won, newExecuted: Won, oldBudget: Won?, newBudget: Won?) -> Finding {
        Finding(severity: .warning, program: program, project: project,
                facts: .restated(week: week, project: project, name: name, old: oldExecuted, new: newExecuted,
                                 oldBudget: oldBudget, newBudget: newBudget))
    }

    /// The source has nothing new for `week`; every sub-project is counted at its last known figure.
    public static func staleSource(week: ISOWeek, source: String, reason: StaleReason) -> Finding {
        Finding(severity: .warning, program: nil, project: nil, facts: .staleSource(week: week, source: source, reason: reason))
    }
}

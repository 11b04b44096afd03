/// One thing the task force must know about the week.
///
/// The domain states the facts; Reporting's `Vocabulary` turns them into the words a reader sees.
public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case behind
        case stalled
        case overspent
        case regressed
        case missing
        case unknown
        case staleSource = "stale-source"
        case restated
        case budgetRevised = "budget-revised"
        /// A KPI of the plan (jobs created, people trained) behind its own target curve.
        case kpiBehind = "kpi-behind"
        /// A 소계/합계 row of the source that does not equal the rows it closes.
        case subtotalMismatch = "subtotal-mismatch"
        /// A cumulative figure that fell while the budget changed with it (이용·전용, 과목경정): not a `regressed`.
        case budgetChanged = "budget-changed"
        /// Past the last milestone, the budget projected to stay unspent (불용) on 31 December.
        case lapseRisk = "lapse-risk"
    }

    /// What kind of finding this is, read from its facts so the two cannot disagree.
    public var kind: Kind { facts.kind }
    public let severity: Severity
    public let program: String?
    public let project: String?
    /// What happened, in numbers and ids.
    public let facts: Facts
    /// The money at stake, when there is one: the shortfall of `behind`, the excess of `overspent`.
    public let amount: Won?
    /// A task force's acknowledgement of this finding, when one covers it (set by `WeekReport.acknowledging`).
    public internal(set) var ackState: AckState? = nil

    public init(severity: Severity, program: String?, project: String?, facts: Facts, amount: Won? = nil) {
        self.severity = severity
        self.program = program
        self.project = project
        self.facts = facts
        self.amount = amount
    }
}

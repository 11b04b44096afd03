/// One thing the task force must know about the week.
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
    }

    public let kind: Kind
    public let severity: Severity
    public let program: String?
    public let project: String?
    public let message: String
    /// The money at stake, when there is one: the shortfall of `behind`, the excess of `overspent`.
    public let amount: Won?

    public init(kind: Kind, severity: Severity, program: String?, project: String?, message: String, amount: Won? = nil) {
        self.amount = amount
        self.kind = kind
        self.severity = severity
        self.program = program
        self.project = project
        self.message = message
    }
}

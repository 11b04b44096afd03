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
    }

    public let kind: Kind
    public let severity: Severity
    public let program: String?
    public let project: String?
    public let message: String

    public init(kind: Kind, severity: Severity, program: String?, project: String?, message: String) {
        self.kind = kind
        self.severity = severity
        self.program = program
        self.project = project
        self.message = message
    }
}

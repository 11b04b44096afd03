/// Where a row stands against the early-execution curve.
public enum Status: String, Sendable, Codable, Comparable {
    case onTrack = "on-track"
    case warning
    case critical

    var rank: Int {
        switch self {
        case .onTrack: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
}

/// How urgent a finding is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case info
    case warning
    case critical

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

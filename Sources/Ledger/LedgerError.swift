/// Failures of the ledger database.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    case unsupported(url: String)
    case cannotOpen(path: String, reason: String)
    case database(String)
    /// A PostgreSQL ledger that cannot be reached (down, wrong host, login refused): exit 69 like any source.
    case unreachable(database: String, reason: String)

    public var description: String {
        switch self {
        case let .unsupported(url):
            "ledger '\(url)' is not supported; use sqlite:PATH or postgres://user@host:port/database"
        case let .cannotOpen(path, reason):
            "cannot open the ledger \(path): \(reason)"
        case let .database(message):
            "ledger: \(message)"
        case let .unreachable(database, reason):
            "cannot reach the ledger \(database): \(reason)"
        }
    }
}

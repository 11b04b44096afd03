import Foundation

/// The two places a ledger can live, for tests that must hold for both: a SQLite file, or a fresh
/// database on the PostgreSQL server the test process shares (`PostgresServer.shared()`).
public enum LedgerKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// A `ledger:` URL naming a new, empty ledger of this kind. A bare URL has no owner to remove it: the
    /// SQLite file's folder lives as long as the test process (`Paths.temporaryDirectory`), as does the
    /// PostgreSQL server and its databases.
    public func freshURL() throws -> String {
        switch self {
        case .sqlite: "sqlite:" + Paths.temporaryDirectory("ledger").appendingPathComponent("var/spendwatch.sqlite").path
        case .postgres: try PostgresServer.shared().createDatabase("ledger")
        }
    }
}

import Foundation
import GRDB

/// The run's memory: weekly snapshots, runs and their findings, and the delivery outbox.
///
/// Migrations are append-only: once released, `v1`, `v2`, … are never edited (see `LedgerMigration`).
public final class Ledger: Sendable {
    let store: any LedgerStore
    /// The SQLite file, or the PostgreSQL URL with its password hidden.
    public var path: String { store.location }

    /// Opens (creating if needed) the SQLite ledger at `path` and migrates it.
    public init(path: String) throws(LedgerError) {
        store = try SQLiteStore(path: path, migrator: Self.migrator)
    }

    /// Opens a ledger on an already opened store (migrated by it).
    init(store: any LedgerStore) {
        self.store = store
    }

    /// Opens the ledger named by a config's `ledger:` value: `sqlite:PATH`, or
    /// `postgres://user@host:port/db` (also `postgresql://`) with the password in `PGPASSWORD`.
    public convenience init(url: String) throws(LedgerError) {
        if url.hasPrefix("sqlite:") {
            try self.init(path: String(url.dropFirst("sqlite:".count)))
        } else if Self.isPostgres(url) {
            self.init(store: try PostgresStore(url: url))
        } else {
            throw .unsupported(url: PostgresConnection.hidePassword(url))
        }
    }

    /// Whether a `ledger:` value names a PostgreSQL database.
    public static func isPostgres(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// The SQLite ledger's migrations: `LedgerMigration.all` under the ids existing files record.
    static var migrator: DatabaseMigrator { LedgerMigration.sqliteMigrator() }
}

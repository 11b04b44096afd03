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

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("week", .text).notNull().indexed()
                t.column("trigger", .text).notNull()          // scheduled | manual | backfill
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("outcome", .text)                    // done | failed | pending-deliveries
                t.column("exit_code", .integer)
                t.column("source_digest", .text)
                t.column("source_etag", .text)
                t.column("source_last_modified", .text)
                t.column("report_digest", .text)
                t.column("message", .text)
            }
            try db.create(table: "snapshot") { t in
                t.column("week", .text).notNull()
                t.column("program", .text).notNull()
                t.column("project", .text).notNull()
                t.column("executed", .integer).notNull()
                t.column("budget", .integer)
                t.column("run_id", .integer).references("run")
                t.column("recorded_at", .text).notNull()
                t.primaryKey(["week", "project"])
            }
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade).indexed()
                t.column("kind", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("program", .text)
                t.column("project", .text)
                t.column("message", .text).notNull()
            }
            try db.create(table: "delivery") { t in
                t.column("id", .text).primaryKey()           // idempotency key, sent as webhook-id
                t.column("week", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("content_digest", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("content_type", .text).notNull()
                t.column("status", .text).notNull()           // pending | sent | failed
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("last_error", .text)
                t.column("created_at", .text).notNull()
                t.column("sent_at", .text)
                t.column("next_attempt_at", .text)
            }
            try db.create(index: "delivery_week_channel", on: "delivery", columns: ["week", "channel", "content_digest"])
        }
        registerOutboxMigration(in: &migrator)
        registerHistoryMigration(in: &migrator)
        return migrator
    }
}

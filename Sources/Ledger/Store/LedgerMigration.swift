import GRDB

/// One step of the ledger's schema, written once and applied under the same id in both databases.
///
/// SQLite ledgers are migrated by GRDB's `DatabaseMigrator` (`Ledger.migrator`; existing files record
/// these ids in `grdb_migrations`), PostgreSQL ledgers by `PostgresStore` (in `spendwatch_migrations`).
/// The statements are plain SQL both accept; where the dialects must differ (identity keys, BIGINT for
/// INTEGER, BYTEA for BLOB, `delivery.seq` standing in for SQLite's implicit `rowid`) a statement names a
/// `SchemaSQL.Term` and `LedgerDialect.spelling(of:)` says how each database writes it.
///
/// Append-only: a released step is never edited, only followed by a new one. The first three steps
/// were written in GRDB's DSL for SQLite at first; `LedgerSchemaTests` holds these statements to the
/// schema that DSL produced, so files created either way are the same.
struct LedgerMigration: Sendable {
    let identifier: String
    let statements: [SchemaSQL]

    /// Every step, in the order they apply.
    static let all: [LedgerMigration] = [v1, v2Outbox, v2History, v3Acknowledgement]

    /// The statements of this step as `dialect` runs them.
    func sql(for dialect: LedgerDialect) -> [String] {
        statements.map { $0.sql(for: dialect) }
    }

    static let v1 = LedgerMigration(identifier: "v1", statements: [
        """
        CREATE TABLE run (
            id \(.identityKey),
            week TEXT NOT NULL,
            trigger TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            exit_code \(.integer),
            source_digest TEXT,
            source_etag TEXT,
            source_last_modified TEXT,
            report_digest TEXT,
            message TEXT)
        """,
        "CREATE INDEX run_on_week ON run (week)",
        """
        CREATE TABLE snapshot (
            week TEXT NOT NULL,
            program TEXT NOT NULL,
            project TEXT NOT NULL,
            executed \(.integer) NOT NULL,
            budget \(.integer),
            run_id \(.integer) REFERENCES run (id),
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (week, project))
        """,
        """
        CREATE TABLE finding (
            id \(.identityKey),
            run_id \(.integer) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            program TEXT,
            project TEXT,
            message TEXT NOT NULL)
        """,
        "CREATE INDEX finding_on_run_id ON finding (run_id)",
        """
        CREATE TABLE delivery (
            id TEXT PRIMARY KEY,
            \(.insertionOrderColumn)
            week TEXT NOT NULL,
            channel TEXT NOT NULL,
            content_digest TEXT NOT NULL,
            payload \(.blob) NOT NULL,
            content_type TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts \(.integer) NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            next_attempt_at TEXT)
        """,
        "CREATE INDEX delivery_week_channel ON delivery (week, channel, content_digest)",
    ])

    static let v2Outbox = LedgerMigration(identifier: "v2-outbox", statements: [
        "ALTER TABLE delivery ADD COLUMN updated_at TEXT",
        "ALTER TABLE delivery ADD COLUMN response_status \(.integer)",
        "CREATE INDEX delivery_status ON delivery (status)",
    ])

    static let v2History = LedgerMigration(identifier: "v2-history", statements: [
        """
        CREATE TABLE snapshot_revision (
            id \(.identityKey),
            week TEXT NOT NULL,
            program TEXT NOT NULL,
            project TEXT NOT NULL,
            old_executed \(.integer) NOT NULL,
            new_executed \(.integer) NOT NULL,
            old_budget \(.integer),
            new_budget \(.integer),
            noticed_week TEXT NOT NULL,
            run_id \(.integer) REFERENCES run (id),
            recorded_at TEXT NOT NULL)
        """,
        "CREATE INDEX snapshot_revision_on_noticed_week ON snapshot_revision (noticed_week)",
        "CREATE INDEX snapshot_revision_week_project ON snapshot_revision (week, project)",
        "ALTER TABLE snapshot ADD COLUMN kpis TEXT",                 // JSON object, KPI id → cumulative value
        "ALTER TABLE snapshot ADD COLUMN noticed_week TEXT",         // earliest report week whose source carried the row
        "ALTER TABLE run ADD COLUMN source_url TEXT",
        "ALTER TABLE run ADD COLUMN source_not_modified \(.integer)",
    ])

    /// The task force's acknowledgements of findings (`spendwatch ack`).
    static let v3Acknowledgement = LedgerMigration(identifier: "v3-acknowledgement", statements: [
        """
        CREATE TABLE acknowledgement (
            id \(.identityKey),
            week TEXT NOT NULL,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            until TEXT NOT NULL,
            reason TEXT NOT NULL,
            severity TEXT NOT NULL,
            created_at TEXT NOT NULL)
        """,
        "CREATE INDEX acknowledgement_on_subject_kind ON acknowledgement (subject, kind)",
    ])

    /// The steps as GRDB migrations with their released ids, for a SQLite file.
    static func sqliteMigrator(_ migrations: [LedgerMigration] = all) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in
                for statement in migration.sql(for: .sqlite) { try db.execute(sql: statement) }
            }
        }
        return migrator
    }
}

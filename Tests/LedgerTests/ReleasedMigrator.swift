import GRDB

/// The SQLite schema as released, in the GRDB DSL it was first written in: a frozen copy of the
/// migrations that existing ledger files were created by. Never edit it; it is what
/// `LedgerSchemaTests` holds the shared migrations to.
enum ReleasedMigrator {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("week", .text).notNull().indexed()
                t.column("trigger", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("outcome", .text)
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
                t.column("id", .text).primaryKey()
                t.column("week", .text).notNull()
                t.column("channel", .text).notNull()
                t.column("content_digest", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("content_type", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("last_error", .text)
                t.column("created_at", .text).notNull()
                t.column("sent_at", .text)
                t.column("next_attempt_at", .text)
            }
            try db.create(index: "delivery_week_channel", on: "delivery", columns: ["week", "channel", "content_digest"])
        }
        migrator.registerMigration("v2-outbox") { db in
            try db.alter(table: "delivery") { t in
                t.add(column: "updated_at", .text)
                t.add(column: "response_status", .integer)
            }
            try db.create(index: "delivery_status", on: "delivery", columns: ["status"])
        }
        migrator.registerMigration("v2-history") { db in
            try db.create(table: "snapshot_revision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("week", .text).notNull()
                t.column("program", .text).notNull()
                t.column("project", .text).notNull()
                t.column("old_executed", .integer).notNull()
                t.column("new_executed", .integer).notNull()
                t.column("old_budget", .integer)
                t.column("new_budget", .integer)
                t.column("noticed_week", .text).notNull().indexed()
                t.column("run_id", .integer).references("run")
                t.column("recorded_at", .text).notNull()
            }
            try db.create(index: "snapshot_revision_week_project", on: "snapshot_revision", columns: ["week", "project"])
            try db.alter(table: "snapshot") { t in
                t.add(column: "kpis", .text)
                t.add(column: "noticed_week", .text)
            }
            try db.alter(table: "run") { t in
                t.add(column: "source_url", .text)
                t.add(column: "source_not_modified", .integer)
            }
        }
        return migrator
    }
}

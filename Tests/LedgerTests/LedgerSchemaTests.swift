import Budget
import Foundation
import GRDB
import Testing
import TestSupport
@testable import Ledger

/// One list of migrations, two databases: the schemas they make must be the same, and the SQLite one
/// the same as the released GRDB migrations made in files that exist today.
@Suite(.timeLimit(.minutes(3)))
final class LedgerSchemaTests: Sendable {
    let folder = Paths.temporaryDirectory("ledger-schema")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func freshSQLite() throws -> SQLiteStore {
        let path = folder.appendingPathComponent("\(UUID().uuidString)/spendwatch.sqlite").path
        return try #require(try Ledger(path: path).store as? SQLiteStore)
    }

    /// A SQLite file migrated by the frozen copy of the released GRDB DSL, up to `last` (all by default).
    func releasedSQLite(upTo last: String? = nil) throws -> String {
        let path = folder.appendingPathComponent("released-\(UUID().uuidString).sqlite").path
        let queue = try DatabaseQueue(path: path)
        if let last { try ReleasedMigrator.migrator.migrate(queue, upTo: last) } else { try ReleasedMigrator.migrator.migrate(queue) }
        return path
    }

    func expectSame(_ left: LedgerSchema, _ leftName: String, _ right: LedgerSchema, _ rightName: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(left.tables == right.tables, sourceLocation: sourceLocation)
        #expect(left.lines(missingFrom: right) == [], "only in \(leftName)", sourceLocation: sourceLocation)
        #expect(right.lines(missingFrom: left) == [], "only in \(rightName)", sourceLocation: sourceLocation)
    }

    @Test func sqliteAndPostgresMigrateToTheSameSchema() throws {
        let sqlite = try LedgerSchema.read(sqlite: try freshSQLite())
        let postgres = try LedgerSchema.read(postgres: try PostgresStore(url: try PostgresServer.shared().createDatabase("schema")))
        #expect(sqlite.tables == ["run", "snapshot", "finding", "delivery", "snapshot_revision", "acknowledgement"])
        #expect(sqlite.columns.count == 14 + 9 + 7 + 14 + 11 + 8)
        #expect(sqlite.indexes.count == 7)
        #expect(sqlite.foreignKeys.count == 3)
        expectSame(sqlite, "SQLite", postgres, "PostgreSQL")
    }

    @Test func theComparisonNoticesAColumnOnlyOneDatabaseHas() throws {
        let store = try freshSQLite()
        let before = try LedgerSchema.read(sqlite: store)
        try store.write { try $0.execute("ALTER TABLE run ADD COLUMN only_here TEXT") }
        let after = try LedgerSchema.read(sqlite: store)
        #expect(after != before)
        #expect(after.lines(missingFrom: before) == ["column run.only_here text"])

        let postgresStore = try PostgresStore(url: try PostgresServer.shared().createDatabase("schema_drift"))
        let postgres = try LedgerSchema.read(postgres: postgresStore)
        try postgresStore.write { try $0.execute("CREATE INDEX run_on_outcome ON run (outcome)") }
        #expect(try LedgerSchema.read(postgres: postgresStore).lines(missingFrom: postgres) == ["index run_on_outcome ON run(outcome)"])
        #expect(try LedgerSchema.read(postgres: postgresStore) != before)
    }

    @Test func theSharedMigrationsMakeTheSchemaTheReleasedOnesMade() throws {
        let released = try LedgerSchema.read(sqlite: try #require(try Ledger(path: try releasedSQLite()).store as? SQLiteStore))
        expectSame(released, "files made by the released migrations", try LedgerSchema.read(sqlite: try freshSQLite()), "new files")
    }

    @Test func aFileTheReleasedMigrationsMadeOpensWithoutMigratingAgainAndWorks() throws {
        let path = try releasedSQLite()
        let schemaText = { (queue: DatabaseQueue) in
            try queue.read { try String.fetchAll($0, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name") }
        }
        let before = try schemaText(try DatabaseQueue(path: path))
        let ledger = try Ledger(path: path)
        // The released steps are not run again; only the steps added since (v3-acknowledgement) are.
        let after = try schemaText(try DatabaseQueue(path: path))
        #expect(after.filter { !$0.contains("acknowledgement") } == before)
        #expect(after.count == before.count + 2)
        let run = try ledger.beginRun(week: try #require(ISOWeek(year: 2009, week: 10)), trigger: .manual, startedAt: "t")
        _ = try ledger.enqueueDelivery(baseKey: "k", week: "2009-W10", channel: "webhook", digest: "d", payload: Data([1, 2]),
                                       contentType: "application/json", force: false, now: "t")
        #expect(try ledger.runs().map(\.id) == [run])
        #expect(try ledger.pendingDeliveries().map(\.payload) == [Data([1, 2])])
    }

    @Test func aFileHalfwayThroughTheReleasedMigrationsIsFinishedByTheSharedOnes() throws {
        let path = try releasedSQLite(upTo: "v1")
        let store = try #require(try Ledger(path: path).store as? SQLiteStore)
        #expect(try store.database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
            == ["v1", "v2-outbox", "v2-history", "v3-acknowledgement"])
        expectSame(try LedgerSchema.read(sqlite: store), "a file finished by the shared migrations",
                   try LedgerSchema.read(sqlite: try freshSQLite()), "new files")
    }

    @Test func eachDialectSpellsEveryTermAndOnlyTheTermsDiffer() {
        for migration in LedgerMigration.all {
            for (sqlite, postgres) in zip(migration.sql(for: .sqlite), migration.sql(for: .postgres)) {
                #expect(!sqlite.contains("BIGINT") && !sqlite.contains("BYTEA") && !sqlite.contains("IDENTITY"), "\(sqlite)")
                #expect(!postgres.contains("AUTOINCREMENT") && !postgres.contains("BLOB"), "\(postgres)")
            }
        }
        #expect(LedgerMigration.all.map(\.identifier) == ["v1", "v2-outbox", "v2-history", "v3-acknowledgement"])
    }
}

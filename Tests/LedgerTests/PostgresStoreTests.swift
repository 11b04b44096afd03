import Budget
import Foundation
import Testing
import TestSupport
@testable import Ledger

/// The PostgreSQL store against the real server the test process shares.
@Suite(.timeLimit(.minutes(3)))
struct PostgresStoreTests {
    @Test func migrationsAreAppliedOnceAndReopeningChangesNothing() throws {
        let url = try PostgresServer.shared().createDatabase("migrations")
        let first = try PostgresStore(url: url)
        #expect(try first.appliedMigrations() == ["v1", "v2-outbox", "v2-history", "v3-acknowledgement"])
        let before = try first.read { try $0.rows("SELECT identifier, applied_at FROM spendwatch_migrations ORDER BY identifier") }
        _ = try Ledger(url: url)
        _ = try Ledger(url: url)
        let after = try first.read { try $0.rows("SELECT identifier, applied_at FROM spendwatch_migrations ORDER BY identifier") }
        #expect(after == before)
        let tables = try first.read {
            try $0.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").map { $0["tablename"] as String }
        }
        #expect(tables == ["acknowledgement", "delivery", "finding", "run", "snapshot", "snapshot_revision", "spendwatch_migrations"])
    }

    @Test func nodesStartingTogetherMigrateOnceBetweenThem() async throws {
        let url = try PostgresServer.shared().createDatabase("together")
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { (try? PostgresStore(url: url)) != nil } }
            return try await group.reduce(into: 0) { count, ok in count += ok ? 1 : 0 }
        }
        #expect(opened == 4)
        #expect(try PostgresStore(url: url).appliedMigrations().sorted() == LedgerMigration.all.map(\.identifier).sorted())
    }

    @Test func blobsTextAndIntegersComeBackAsStored() throws {
        let store = try PostgresStore(url: try PostgresServer.shared().createDatabase("values"))
        let payload = Data([0x00, 0xff, 0x5c, 0x78, 0x27, 0x3f]) + Data("보고서 ?".utf8)
        try store.write {
            try $0.execute("CREATE TABLE t (b BYTEA, s TEXT, n BIGINT, z TEXT)")
            try $0.execute("INSERT INTO t VALUES (?, ?, ?, ?)", [payload, "it's '?' 대전", Int64.min, String?.none])
        }
        let row = try #require(try store.read { try $0.rows("SELECT * FROM t WHERE s LIKE '%?%'") }.first)
        #expect(row["b"] as Data == payload)
        #expect(row["s"] as String == "it's '?' 대전")
        #expect(row["n"] as Int64 == Int64.min)
        #expect(row["z"] as String? == nil)
    }

    @Test func aFailingStatementRollsBackTheWholeTransaction() throws {
        let store = try PostgresStore(url: try PostgresServer.shared().createDatabase("rollback"))
        #expect(throws: LedgerError.self) {
            try store.write { db in
                try db.execute("INSERT INTO run (week, trigger, started_at) VALUES (?, ?, ?)", ["2009-W26", "manual", "t"])
                try db.execute("INSERT INTO no_such_table VALUES (1)")
            }
        }
        #expect(try store.read { try $0.rows("SELECT id FROM run") }.isEmpty)
        // The connection is usable again afterwards.
        #expect(try Ledger(store: store).beginRun(week: try #require(ISOWeek(year: 2009, week: 26)), trigger: .manual, startedAt: "t") > 0)
    }

    @Test(arguments: [
        ("a = ? AND b = ?", "a = $1 AND b = $2"),
        ("s = '?' AND t = ?", "s = '?' AND t = $1"),
        ("\"odd?name\" = ?", "\"odd?name\" = $1"),
    ])
    func placeholdersAreNumberedOutsideQuotes(_ sql: String, _ expected: String) {
        #expect(PostgresStore.numberPlaceholders(sql) == expected)
    }
}

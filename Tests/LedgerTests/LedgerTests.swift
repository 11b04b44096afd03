import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport
@testable import Ledger

struct LedgerTests {
    @Test func opensAndMigratesARealSQLiteFile() throws {
        let folder = try TemporaryDirectory("ledger")
        let path = folder.appendingPathComponent("var/spendwatch.sqlite").path
        _ = try Ledger(url: "sqlite:\(path)")
        #expect(FileManager.default.fileExists(atPath: path))
        // Opening again must not re-run released migrations.
        let again = try #require(try Ledger(path: path).store as? SQLiteStore)
        let applied = try again.database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == LedgerMigration.all.map(\.identifier))
        let tables = try again.database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(Set(["run", "snapshot", "finding", "delivery", "snapshot_revision"]).isSubset(of: tables))
    }

    @Test func openersRacingOnANewFileAllSucceedAndMigrateOnce() throws {
        let folder = try TemporaryDirectory("ledger")
        // `history` opening the ledger while the first run creates it: each opener migrates, none may fail.
        let failures = Mutex<[String]>([])
        for round in 0..<20 {
            let file = folder.appendingPathComponent("spendwatch-\(round).sqlite").path
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try Ledger(path: file) } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        let path = folder.appendingPathComponent("spendwatch-19.sqlite").path
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.first ?? "" })")
        let store = try #require(try Ledger(path: path).store as? SQLiteStore)
        #expect(try store.database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            == LedgerMigration.all.map(\.identifier))
    }

    @Test func bothDatabasesKnowTheSameMigrationsInTheSameOrder() {
        #expect(Ledger.migrator.migrations == LedgerMigration.all.map(\.identifier))
        #expect(Ledger.migrator.migrations == ["v1", "v2-outbox", "v2-history", "v3-acknowledgement"])
    }

    @Test(arguments: ["mysql://ledger", "ledger.sqlite", "postgres:/nohost"])
    func otherURLsAreRefusedNamingBothKinds(_ url: String) {
        let error = #expect(throws: LedgerError.self) { try Ledger(url: url) }
        #expect(error?.description.contains("postgres://") == true)
    }
}

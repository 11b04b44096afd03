import Foundation
import GRDB
import Testing
import TestSupport
@testable import Ledger

struct LedgerTests {
    @Test func opensAndMigratesARealSQLiteFile() throws {
        let path = Paths.temporaryDirectory("ledger").appendingPathComponent("var/spendwatch.sqlite").path
        _ = try Ledger(url: "sqlite:\(path)")
        #expect(FileManager.default.fileExists(atPath: path))
        // Opening again must not re-run released migrations.
        let again = try Ledger(path: path)
        let applied = try again.database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.first == "v1")
        let tables = try again.database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(Set(["run", "snapshot", "finding", "delivery"]).isSubset(of: tables))
    }

    @Test func onlySQLiteURLsAreAccepted() {
        #expect(throws: LedgerError.self) { try Ledger(url: "mysql://ledger") }
    }
}

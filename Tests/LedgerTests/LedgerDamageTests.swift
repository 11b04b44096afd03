import Budget
import Foundation
import GRDB
import Testing
import TestSupport
@testable import Ledger

/// A ledger row that holds what the schema never allows is reported, naming the ledger, table,
/// column and row, instead of being read as a zero, an empty text or a default status.
@Suite(.timeLimit(.minutes(3)))
final class LedgerDamageTests: Sendable {
    let folder = Paths.temporaryDirectory("ledger-damage")
    let w10 = ISOWeek(year: 2009, week: 10)!

    deinit { try? FileManager.default.removeItem(at: folder) }

    func freshLedger() throws -> (Ledger, path: String) {
        let path = folder.appendingPathComponent("\(UUID().uuidString)/spendwatch.sqlite").path
        return (try Ledger(path: path), path)
    }

    /// Runs raw SQL on the file, outside the ledger, the way a hand edit or a broken tool would.
    func tamper(_ path: String, _ statements: String...) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            for statement in statements { try db.execute(sql: statement) }
        }
    }

    func damage(_ body: () throws -> Void) throws -> (table: String, column: String, row: String?, problem: String, text: String) {
        let error = try #require(throws: LedgerError.self) { try body() }
        guard case let .damaged(_, table, column, row, problem) = error else {
            Issue.record("not a damaged-ledger error: \(error)")
            return ("", "", nil, "", "")
        }
        return (table, column, row, problem, error.description)
    }

    @Test func aDeliveryWithAStatusTheLedgerNeverWritesIsDamage() throws {
        let (ledger, path) = try freshLedger()
        _ = try ledger.enqueueDelivery(baseKey: "2009-W10-webhook", week: "2009-W10", channel: "webhook", digest: "d",
                                       payload: Data("{}".utf8), contentType: "application/json", force: false, now: "t")
        try tamper(path, "UPDATE delivery SET status = 'bogus'")
        let found = try damage { _ = try ledger.deliveries(week: "2009-W10") }
        #expect(found.table == "delivery")
        #expect(found.column == "status")
        #expect(found.row == "2009-W10-webhook")
        #expect(found.text == "ledger \(path): delivery.status holds 'bogus', which is not a delivery status "
            + "(pending, sent, failed, superseded) in row 2009-W10-webhook — the ledger is damaged; restore it from backup")
        // Not quietly read as pending, nor left out of the whole outbox.
        #expect(try damage { _ = try ledger.deliveries() }.column == "status")
    }

    @Test func aNullInARequiredColumnIsDamageNamingTheRow() throws {
        let (ledger, path) = try freshLedger()
        let run = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t")
        // A hand-rebuilt table that lost its NOT NULL, then a row without a week.
        try tamper(path, "PRAGMA writable_schema = ON",
                   "UPDATE sqlite_master SET sql = replace(sql, 'week TEXT NOT NULL', 'week TEXT') WHERE name = 'run'")
        try tamper(path, "UPDATE run SET week = NULL")
        let found = try damage { _ = try ledger.runs() }
        #expect(found.text == "ledger \(path): run.week is NULL in row \(run) — the ledger is damaged; restore it from backup")
    }

    @Test func textInANumberColumnIsDamageNotZero() throws {
        let (ledger, path) = try freshLedger()
        let run = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t")
        try ledger.record(figures: [Figure(week: w10, program: "ECO", project: "ECO-01", executed: 20)], reportWeek: w10, runID: run, at: "t")
        try tamper(path, "UPDATE snapshot SET executed = 'lots'")
        let found = try damage { _ = try ledger.history(asOf: w10) }
        #expect(found.table == "snapshot")
        #expect(found.column == "executed")
        #expect(found.row == "2009-W10 ECO-01")
        #expect(found.problem == "holds the text 'lots' where a whole number belongs")
        // Storing the week again reads the stored row first: the same error, and nothing overwritten.
        _ = try damage { try ledger.record(figures: [Figure(week: w10, program: "ECO", project: "ECO-01", executed: 25)],
                                           reportWeek: w10, runID: run, at: "t") }
    }

    @Test func anUnreadableWeekOrTriggerIsDamageNotARowLeftOut() throws {
        let (ledger, path) = try freshLedger()
        let run = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t")
        try tamper(path, "UPDATE run SET trigger = 'cron'")
        #expect(try damage { _ = try ledger.runs() }.problem
            == "holds 'cron', which is not a run trigger (scheduled, manual, backfill)")
        try tamper(path, "UPDATE run SET trigger = 'manual'",
                   "INSERT INTO snapshot_revision (week, program, project, old_executed, new_executed, noticed_week, run_id, recorded_at) "
                   + "VALUES ('W10', 'ECO', 'ECO-01', 1, 2, '2009-W10', \(run), 't')")
        let found = try damage { _ = try ledger.revisions() }
        #expect(found.column == "week")
        #expect(found.problem == "holds 'W10', which is not an ISO week")
        try tamper(path, "UPDATE snapshot_revision SET week = '2009-W10'")
        #expect(try ledger.revisions().count == 1)
    }

    @Test(arguments: LedgerKind.allCases)
    func aNullInARequiredColumnIsDamageInEitherDatabase(_ kind: LedgerKind) throws {
        let url = try kind == .sqlite ? "sqlite:" + freshLedger().path : kind.freshURL()
        let ledger = try Ledger(url: url)
        let run = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t")
        try ledger.record(findings: [Finding(severity: .critical, program: "ECO", project: "ECO-01",
                                             facts: .behind(id: "ECO-01", name: "스타기업 지원", executedPercent: 10,
                                                           targetPercent: 30, shortfall: 1, next: nil))],
                          runID: run, message: { _ in "m" })
        if kind == .postgres {
            try ledger.store.write {
                try $0.execute("ALTER TABLE finding ALTER COLUMN message DROP NOT NULL")
                try $0.execute("UPDATE finding SET message = NULL")
            }
        } else {
            // A connection of its own, which reads the edited schema.
            let path = String(url.dropFirst("sqlite:".count))
            try tamper(path, "PRAGMA writable_schema = ON",
                       "UPDATE sqlite_master SET sql = replace(sql, 'message TEXT NOT NULL', 'message TEXT') WHERE name = 'finding'")
            try tamper(path, "UPDATE finding SET message = NULL")
        }
        let found = try damage { _ = try ledger.findings(runIDs: [run]) }
        #expect(found.table == "finding")
        #expect(found.column == "message")
        #expect(found.problem == "is NULL")
        #expect(found.text.contains(ledger.path))
    }

    @Test func theReaderThrowsForWhatIsMissingNullOrOfAnotherKindAndReadsOptionalNullAsNil() throws {
        let row = RowReader(LedgerRow(["id": .integer(7), "name": .text("x"), "gone": .null, "data": .blob(Data([1]))]), table: "t")
        #expect(try row.value("id") as Int64 == 7)
        #expect(try row.optional("gone") as String? == nil)
        #expect(try row.value("data") as Data == Data([1]))
        #expect(throws: DamagedRow(table: "t", column: "missing", row: "7", problem: "is missing")) { try row.optional("missing") as String? }
        #expect(throws: DamagedRow(table: "t", column: "gone", row: "7", problem: "is NULL")) { try row.value("gone") as String }
        #expect(throws: DamagedRow(table: "t", column: "name", row: "7", problem: "holds the text 'x' where a whole number belongs")) {
            try row.value("name") as Int
        }
        #expect(throws: DamagedRow(table: "t", column: "id", row: "7", problem: "holds the number 7 where text belongs")) {
            try row.value("id") as String
        }
        #expect(throws: DamagedRow.self) { try row.value("name", as: DeliveryStatus.self, "a delivery status") }
    }
}

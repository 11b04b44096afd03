import Foundation
import GRDB
import Ledger
import Testing
import TestSupport

/// Faults of the file under the ledger: what spendwatch refuses instead of losing history or running twice.
struct LedgerFaultTests {
    /// A 0-byte file was taken as a new ledger: 25 weeks of history gone, a restatement never reported.
    @Test func aZeroLengthLedgerIsRefusedAndLeftAsItIs() throws {
        let folder = try TemporaryDirectory("ledger")
        let path = folder.appendingPathComponent("spendwatch.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = #expect(throws: LedgerError.self) { _ = try Ledger(path: path) }
        guard case .empty(path)? = error else { Issue.record("expected .empty, got \(String(describing: error))"); return }
        #expect("\(error!)".contains("\(path) is empty (0 bytes)"))
        #expect("\(error!)".contains("delete the file"))
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        #expect(size?.intValue == 0, "nothing was written into it")
    }

    /// Two configs reaching one ledger through a symlinked folder made two locks and 21 duplicate sends.
    @Test func aLedgerReachedThroughASymlinkTakesTheSameLock() throws {
        let folder = try TemporaryDirectory("ledger")
        let real = folder.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link"), withDestinationURL: real)
        _ = try Ledger(path: real.appendingPathComponent("spendwatch.sqlite").path)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("alias.sqlite"),
                                                   withDestinationURL: real.appendingPathComponent("spendwatch.sqlite"))

        let first = try Ledger.runLock(path: real.appendingPathComponent("spendwatch.sqlite").path)
        defer { first.release() }
        for other in ["link/spendwatch.sqlite", "alias.sqlite"] {
            let error = #expect(throws: RunLockError.self, "through \(other)") {
                _ = try Ledger.runLock(path: folder.appendingPathComponent(other).path)
            }
            if case .held? = error {} else { Issue.record("through \(other): \(String(describing: error))") }
        }
    }

    /// Another process holding SQLite's write lock was 73 after 10 s; it is another run at work: 75's error.
    @Test func aWriteLockHeldElsewhereIsBusyNotDamage() throws {
        let folder = try TemporaryDirectory("ledger")
        let path = folder.appendingPathComponent("spendwatch.sqlite").path
        let ledger = try Ledger(path: path)
        let other = try DatabaseQueue(path: path)
        let error: LedgerError? = try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return #expect(throws: LedgerError.self) {
                _ = try ledger.beginRun(week: .init("2009-W26")!, trigger: .manual, startedAt: "2009-06-29T09:00:00+09:00")
            }
        }
        guard case .busy? = error else { Issue.record("expected .busy, got \(String(describing: error))"); return }
        #expect("\(error!)".contains("another run holds the ledger \(path)"))
    }
}

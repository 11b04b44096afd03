import Foundation
import Ledger
import Testing
import TestSupport

struct RunLockTests {
    @Test func aSecondHolderIsRefusedAtOnceWithTheLockFileAndThePid() throws {
        let folder = try TemporaryDirectory("lock")
        let path = folder.appendingPathComponent("var/spendwatch.sqlite").path
        let first = try Ledger.runLock(path: path)
        #expect(first.location == path + ".lock")
        let error = #expect(throws: RunLockError.self) { _ = try Ledger.runLock(path: path) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains(path + ".lock"))
        #expect(message.contains("pid \(getpid())"))
        first.release()
        let again = try Ledger.runLock(path: path)
        again.release()
    }
}

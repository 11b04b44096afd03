import Foundation
import Testing
import TestSupport
@testable import Ledger

/// libpq against a real PostgreSQL server started for the suite.
@Suite(.timeLimit(.minutes(3)))
struct PostgresConnectionTests {
    let server: PostgresServer

    init() throws { server = try PostgresServer.shared() }

    @Test func roundTripsParametersAndNulls() throws {
        let connection = try PostgresConnection(url: try server.createDatabase("roundtrip"))
        try connection.execute("CREATE TABLE t (week TEXT NOT NULL, executed BIGINT NOT NULL, owner TEXT)")
        try connection.execute("INSERT INTO t VALUES ($1, $2, $3)", ["2009-W26", "9223372036854775807", nil])
        try connection.execute("INSERT INTO t VALUES ($1, $2, $3)", ["2009-W25", "-120000000", "로봇센터"])
        let rows = try connection.execute("SELECT week, executed, owner FROM t ORDER BY week")
        #expect(rows.columns == ["week", "executed", "owner"])
        #expect(rows.rows == [["2009-W25", "-120000000", "로봇센터"], ["2009-W26", "9223372036854775807", nil]])
    }

    @Test func errorsCarryTheServersMessage() throws {
        let connection = try PostgresConnection(url: try server.createDatabase("errors"))
        let error = try #require(throws: LedgerError.self) { try connection.execute("SELECT * FROM no_such_table") }
        #expect(error.description.contains("relation \"no_such_table\" does not exist"))
    }

    @Test func aWrongPasswordIsNotShown() throws {
        let url = "postgres://spendwatch:hunter22@127.0.0.1:\(server.port)/no_such_db"
        let error = try #require(throws: LedgerError.self) { try PostgresConnection(url: url) }
        #expect(!error.description.contains("hunter22"))
        #expect(error.description.contains("no_such_db"))
    }

    @Test func advisoryLockIsExclusiveAndFreedWithItsConnection() throws {
        let url = try server.createDatabase("locks")
        var first: PostgresConnection? = try PostgresConnection(url: url)
        let second = try PostgresConnection(url: url)
        #expect(try AdvisoryLock(connection: try #require(first)).tryAcquire())
        #expect(try AdvisoryLock(connection: second).tryAcquire() == false)
        #expect(try AdvisoryLock(connection: second).holder() != nil)
        // The holder's session ends (as when its process is killed): the lock is free again.
        first = nil
        var acquired = false
        for _ in 0..<50 where !acquired {
            acquired = try AdvisoryLock(connection: second).tryAcquire()
            if !acquired { usleep(20_000) }
        }
        #expect(acquired)
    }
}

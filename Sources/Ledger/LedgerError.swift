import GRDB

/// Failures of the ledger database.
public enum LedgerError: Error, Sendable, CustomStringConvertible {
    case unsupported(url: String)
    case cannotOpen(path: String, reason: String)
    case database(String)
    /// A PostgreSQL ledger that cannot be reached (down, wrong host, login refused): exit 69 like any source.
    case unreachable(database: String, reason: String)
    /// A stored row the ledger cannot read: a column gone, NULL where a value is required, a value of
    /// the wrong kind or one the ledger never writes. `row` is the row's key, when the query had it;
    /// `problem` completes "`table.column` …" (`is NULL`, `holds 'x', which is not a delivery status …`).
    case damaged(ledger: String, table: String, column: String, row: String?, problem: String)
    /// A ledger file of 0 bytes: truncated or replaced, never one spendwatch wrote. Taken as new, it would
    /// lose every week of history without a word.
    case empty(path: String)
    /// Another process holds SQLite's write lock past the busy timeout: another run, or a tool with the file open.
    case busy(ledger: String)

    public var description: String {
        switch self {
        case let .unsupported(url):
            "ledger '\(url)' is not supported; use sqlite:PATH or postgres://user@host:port/database"
        case let .cannotOpen(path, reason):
            "cannot open the ledger \(path): \(reason)"
        case let .database(message):
            "ledger: \(message)"
        case let .unreachable(database, reason):
            "cannot reach the ledger \(database): \(reason)"
        case let .damaged(ledger, table, column, row, problem):
            "ledger \(ledger): \(table).\(column) \(problem)\(row.map { " in row \($0)" } ?? "")"
                + " — the ledger is damaged; restore it from backup"
        case let .empty(path):
            "the ledger \(path) is empty (0 bytes): it was truncated or replaced, and its history is gone from it. "
                + "Restore it from backup; or, to start a new ledger on purpose (history, restatements and the outbox begin empty), delete the file"
        case let .busy(ledger):
            "another run holds the ledger \(ledger) (SQLite's write lock stayed taken); try again when it has finished"
        }
    }

    /// An error met while opening: busy stays busy; anything else is "cannot open".
    func openingFailure(path: String) -> LedgerError {
        if case .busy = self { return self }
        return .cannotOpen(path: path, reason: "\(self)")
    }

    /// What a store reports for an error thrown inside one of its transactions.
    static func from(_ error: any Error, ledger location: String) -> LedgerError {
        switch error {
        case let error as LedgerError: error
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            .busy(ledger: location)
        case let error as DamagedRow:
            .damaged(ledger: location, table: error.table, column: error.column, row: error.row, problem: error.problem)
        // Which file failed belongs in the message: a full disk or `ulimit -f` ends the write, not the data.
        case let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode.primaryResultCode):
            .database("cannot write \(location) (\(error.message ?? "\(error.resultCode)"); disk full, a file size limit, or permissions?): \(error)")
        default: .database("\(error)")
        }
    }
}

import Foundation
import GRDB
import GRDBSQLite

/// A statement parsed once by GRDB, bound and stepped through SQLite's C API.
///
/// A national run writes and reads back about 540,000 snapshot rows; through `StatementArguments` each row
/// cost an array of boxed `DatabaseValue`s and GRDB's argument checks, 8.5 of the run's 19 s at 1 M payments.
struct SQLiteStatement: LedgerStatement {
    let statement: Statement
    let db: Database

    init(_ statement: Statement, db: Database) {
        self.statement = statement
        self.db = db
    }

    func execute(_ arguments: [LedgerValue]) throws {
        let handle = try bind(arguments)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
    }

    /// Steps through every row, handing `body` the column names and the row's values.
    func each(_ arguments: [LedgerValue], _ body: (_ columns: [String], _ values: [LedgerValue]) throws -> Void) throws {
        let handle = try bind(arguments)
        defer { sqlite3_reset(handle) }
        let columns = statement.columnNames
        var values: [LedgerValue] = []
        values.reserveCapacity(columns.count)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code) }
            values.removeAll(keepingCapacity: true)
            for index in 0..<Int32(columns.count) {
                values.append(Self.column(handle, index))
            }
            try body(columns, values)
        }
    }

    private func bind(_ arguments: [LedgerValue]) throws -> OpaquePointer {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard arguments.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw DatabaseError(resultCode: .SQLITE_RANGE,
                                message: "\(arguments.count) arguments for \(sqlite3_bind_parameter_count(handle)) parameters",
                                sql: statement.sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch argument {
            case .null: sqlite3_bind_null(handle, index)
            case let .integer(number): sqlite3_bind_int64(handle, index, number)
            case let .text(text): text.withCString { sqlite3_bind_text(handle, index, $0, -1, Self.transient) }
            case let .blob(data): data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        return handle
    }

    private static func column(_ handle: OpaquePointer, _ index: Int32) -> LedgerValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .text(String(sqlite3_column_double(handle, index)))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index), count > 0 else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default: return .null
        }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bytes before the Swift buffer goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

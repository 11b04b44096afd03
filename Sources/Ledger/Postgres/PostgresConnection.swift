import CPostgres
import Foundation

/// One libpq connection to a PostgreSQL ledger; statements use text parameters (`$1`, `$2`, …).
///
/// libpq is PostgreSQL's own client library, used here the way libcurl is for HTTP: a system
/// library (`libpq-dev`) rather than a Swift package, so the ledger needs no new dependency.
///
/// Not `Sendable`: a connection belongs to the task that opened it.
public final class PostgresConnection {
    private let connection: OpaquePointer
    /// The URL with its password hidden, for messages.
    public let displayURL: String

    /// Connects to `url` (`postgres://user@host:port/db`); the password comes from the URL,
    /// `PGPASSWORD` or `~/.pgpass`, as libpq reads them.
    public init(url: String) throws(LedgerError) {
        displayURL = Self.hidePassword(url)
        guard let connection = PQconnectdb(url) else { throw .cannotOpen(path: displayURL, reason: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw .unreachable(database: displayURL, reason: reason)
        }
        self.connection = connection
        _ = try? execute("SET client_min_messages TO warning")
    }

    deinit { PQfinish(connection) }

    /// Runs one statement; `nil` parameters are SQL NULL.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(LedgerError) -> PostgresRows {
        let cStrings = parameters.map { $0.flatMap { strdup($0) } }
        defer { cStrings.forEach { free($0) } }
        let pointers = cStrings.map { UnsafePointer($0) }
        let result = pointers.withUnsafeBufferPointer { buffer in
            PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        guard let result else { throw .database(String(cString: PQerrorMessage(connection))) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            break
        default:
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .database(message)
        }
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        let types = (0..<PQnfields(result)).map { UInt32(PQftype(result, $0)) }
        let rows = (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        return PostgresRows(columns: columns, types: types, rows: rows)
    }

    /// `url` with the password in its user part replaced by `***`, for messages.
    public static func hidePassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userinfo = url[scheme.upperBound..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return url }
        return url.replacingCharacters(in: colon..<at, with: ":***")
    }
}

/// The rows of a result, as text (libpq's text format).
public struct PostgresRows: Sendable {
    public let columns: [String]
    /// Each column's type OID (`pg_type.oid`): 20 bigint, 23 integer, 17 bytea, …
    public let types: [UInt32]
    public let rows: [[String?]]

    public func value(_ row: Int, _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column), row < rows.count else { return nil }
        return rows[row][index]
    }
}

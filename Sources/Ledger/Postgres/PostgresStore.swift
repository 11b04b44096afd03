import Foundation

/// The ledger in a PostgreSQL database shared by every node that runs spendwatch, over libpq.
///
/// The ledger's SQL is written with `?` placeholders and runs here unchanged: they become `$1`, `$2`, …;
/// blobs travel as `bytea` in its hex text form (`\x…`). Migrations are recorded in
/// `spendwatch_migrations` and applied in one transaction under a transaction-level advisory lock,
/// so two nodes starting at once never both migrate.
public final class PostgresStore: LedgerStore, @unchecked Sendable {
    // @unchecked: the connection is only touched while `lock` is held.
    private let connection: PostgresConnection
    private let lock = NSLock()
    public let location: String
    public var dialect: LedgerDialect { .postgres }

    /// A lock key apart from the run lock's, so a run holding that lock can still migrate.
    static let migrationLockKey: Int64 = 0x5350_4E44_4D49_4752   // "SPNDMIGR"

    /// Connects to `url` and brings its schema up to date. Credentials come from the URL or, better,
    /// the environment (`PGPASSWORD`, `PGUSER`, `~/.pgpass`), which libpq reads itself.
    public init(url: String) throws(LedgerError) {
        connection = try PostgresConnection(url: url)
        location = connection.displayURL
        try migrate()
    }

    /// Whether a run has made a ledger in the database at `url` yet; creates nothing.
    public static func ledgerExists(url: String) throws(LedgerError) -> Bool {
        try PostgresConnection(url: url)
            .execute("SELECT to_regclass('spendwatch_migrations') IS NOT NULL AS present").value(0, "present") == "t"
    }

    /// The migrations this database has recorded, in the order they were applied.
    public func appliedMigrations() throws(LedgerError) -> [String] {
        try read { db in
            try db.rows("SELECT identifier FROM spendwatch_migrations ORDER BY applied_at, identifier")
                .map { try RowReader($0, table: "spendwatch_migrations", key: []).value("identifier") }
        }
    }

    func migrate() throws(LedgerError) {
        try write { transaction in
            try transaction.execute("SELECT pg_advisory_xact_lock(?)", [Self.migrationLockKey])
            try transaction.execute("""
                CREATE TABLE IF NOT EXISTS spendwatch_migrations (
                    identifier TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())
                """)
            let applied = Set(try transaction.rows("SELECT identifier FROM spendwatch_migrations").map {
                try RowReader($0, table: "spendwatch_migrations", key: []).value("identifier") as String
            })
            for migration in LedgerMigration.all where !applied.contains(migration.identifier) {
                for statement in migration.sql(for: .postgres) { try transaction.execute(statement) }
                try transaction.execute("INSERT INTO spendwatch_migrations (identifier) VALUES (?)", [migration.identifier])
            }
        }
    }

    public func write<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        try transaction("BEGIN", body)
    }

    public func read<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T>(_ begin: String, _ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.execute(begin)
        do {
            let value = try body(Transaction(connection: connection))
            try connection.execute("COMMIT")
            return value
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw .from(error, ledger: location)
        }
    }

    struct Transaction: LedgerTransaction {
        let connection: PostgresConnection

        func execute(_ sql: String, _ arguments: [any LedgerArgument]) throws {
            try connection.execute(PostgresStore.numberPlaceholders(sql), arguments.map { PostgresStore.encode($0.ledgerValue) })
        }

        func rows(_ sql: String, _ arguments: [any LedgerArgument]) throws -> [LedgerRow] {
            let result = try connection.execute(PostgresStore.numberPlaceholders(sql),
                                                arguments.map { PostgresStore.encode($0.ledgerValue) })
            return result.rows.map { row in
                var values: [String: LedgerValue] = [:]
                for (index, column) in result.columns.enumerated() {
                    values[column] = PostgresStore.decode(row[index], type: result.types[index])
                }
                return LedgerRow(values)
            }
        }

        func each(_ sql: String, _ arguments: [any LedgerArgument],
                  _ body: (_ columns: [String], _ values: [LedgerValue]) throws -> Void) throws {
            let result = try connection.execute(PostgresStore.numberPlaceholders(sql),
                                                arguments.map { PostgresStore.encode($0.ledgerValue) })
            for row in result.rows {
                try body(result.columns, row.indices.map { PostgresStore.decode(row[$0], type: result.types[$0]) })
            }
        }

        func prepare(_ sql: String) throws -> any LedgerStatement {
            PreparedStatement(connection: connection, sql: PostgresStore.numberPlaceholders(sql))
        }
    }

    /// The statement's placeholders numbered once; each call sends it with its parameters (PQexecParams).
    struct PreparedStatement: LedgerStatement {
        let connection: PostgresConnection
        let sql: String

        func execute(_ arguments: [LedgerValue]) throws {
            try connection.execute(sql, arguments.map(PostgresStore.encode))
        }
    }

    /// `?` → `$1`, `$2`, … outside quoted literals and identifiers.
    static func numberPlaceholders(_ sql: String) -> String {
        var output = ""
        var quote: Character?
        var number = 0
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                output.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                output.append(character)
            } else if character == "?" {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        return output
    }

    static func encode(_ value: LedgerValue) -> String? {
        switch value {
        case .null: nil
        case let .integer(number): String(number)
        case let .text(text): text
        case let .blob(data): "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }

    static func decode(_ text: String?, type: UInt32) -> LedgerValue {
        guard let text else { return .null }
        switch type {
        case 20, 21, 23:                              // bigint, smallint, integer
            return Int64(text).map(LedgerValue.integer) ?? .text(text)
        case 16:                                      // boolean
            return .integer(text == "t" ? 1 : 0)
        case 17:                                      // bytea, hex output
            return .blob(hexBytes(text.dropFirst(2)))
        default:
            return .text(text)
        }
    }

    static func hexBytes(_ hex: Substring) -> Data {
        var data = Data(capacity: hex.utf8.count / 2)
        var high: UInt8?
        for byte in hex.utf8 {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: continue
            }
            if let first = high {
                data.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return data
    }
}

import Foundation
import GRDB

/// The ledger in one SQLite file, through GRDB; migrated by GRDB's `DatabaseMigrator` with the ids
/// existing ledgers already record.
public final class SQLiteStore: LedgerStore {
    let database: DatabaseQueue
    public let location: String
    public var dialect: LedgerDialect { .sqlite }

    /// Opens (creating if needed) the file at `path` and applies `migrator`.
    init(path: String, migrator: DatabaseMigrator) throws(LedgerError) {
        location = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // Checked, created and migrated under one lock, so another opener never sees the new file at 0 bytes.
            database = try Self.exclusively(path + ".migrate") {
                if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber, size.intValue == 0 {
                    throw LedgerError.empty(path: path)
                }
                let database = try DatabaseQueue(path: path, configuration: configuration)
                try migrator.migrate(database)
                return database
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError.from(error, ledger: path).openingFailure(path: path)
        }
    }

    /// Runs `body` holding an exclusive flock on `lockPath`. GRDB reads which migrations a file has and
    /// applies the rest in separate steps, so two openers of a new ledger at once (`history` during the
    /// first run) could both try to create the tables; the second failed with "table run already exists".
    static func exclusively<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { return try body() }   // A read-only folder: no run can be creating it there.
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    public func write<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        do { return try database.write { try body(Transaction(db: $0)) } } catch { throw .from(error, ledger: location) }
    }

    public func read<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        do { return try database.read { try body(Transaction(db: $0)) } } catch { throw .from(error, ledger: location) }
    }

    struct Transaction: LedgerTransaction {
        let db: Database

        func execute(_ sql: String, _ arguments: [any LedgerArgument]) throws {
            try db.execute(sql: sql, arguments: Self.arguments(arguments))
        }

        func rows(_ sql: String, _ arguments: [any LedgerArgument]) throws -> [LedgerRow] {
            try Row.fetchAll(db, sql: sql, arguments: Self.arguments(arguments)).map { row in
                var values: [String: LedgerValue] = [:]
                for (column, value) in row {
                    values[column] = Self.value(value.storage)
                }
                return LedgerRow(values)
            }
        }

        func each(_ sql: String, _ arguments: [any LedgerArgument],
                  _ body: (_ columns: [String], _ values: [LedgerValue]) throws -> Void) throws {
            try SQLiteStatement(try db.makeStatement(sql: sql), db: db).each(arguments.map(\.ledgerValue), body)
        }

        func prepare(_ sql: String) throws -> any LedgerStatement {
            SQLiteStatement(try db.cachedStatement(sql: sql), db: db)
        }

        static func value(_ storage: DatabaseValue.Storage) -> LedgerValue {
            switch storage {
            case .null: .null
            case let .int64(number): .integer(number)
            case let .double(number): .text(String(number))
            case let .string(text): .text(text)
            case let .blob(data): .blob(data)
            }
        }

        static func arguments(_ values: [any LedgerArgument]) -> StatementArguments {
            StatementArguments(values.map { databaseValue($0.ledgerValue) })
        }

        static func databaseValue(_ value: LedgerValue) -> DatabaseValue {
            switch value {
            case .null: .null
            case let .integer(number): number.databaseValue
            case let .text(text): text.databaseValue
            case let .blob(data): data.databaseValue
            }
        }
    }
}

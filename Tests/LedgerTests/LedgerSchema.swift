import Foundation
@testable import Ledger

/// A ledger's schema as either database reports it, normalised so that the same schema reads the
/// same from SQLite and PostgreSQL: tables, columns (type, nullability, key position, default, whether
/// the database assigns the value), indexes made by `CREATE INDEX`, and foreign keys.
struct LedgerSchema: Equatable {
    struct Column: Hashable, CustomStringConvertible {
        let table: String
        let name: String
        /// `integer`, `text` or `blob`; any other type keeps the database's own name, so it shows up.
        let type: String
        let notNull: Bool
        /// 1-based position in the table's primary key, 0 when not part of it.
        let primaryKey: Int
        let defaultValue: String?
        /// The database assigns the value (SQLite's INTEGER PRIMARY KEY, a PostgreSQL identity column).
        let assigned: Bool

        var description: String {
            "\(table).\(name) \(type)\(notNull ? " NOT NULL" : "")\(primaryKey > 0 ? " PK\(primaryKey)" : "")"
                + "\(defaultValue.map { " DEFAULT \($0)" } ?? "")\(assigned ? " ASSIGNED" : "")"
        }
    }

    struct Index: Hashable, CustomStringConvertible {
        let table: String
        let name: String
        let columns: [String]
        let unique: Bool
        var description: String { "\(unique ? "UNIQUE " : "")\(name) ON \(table)(\(columns.joined(separator: ", ")))" }
    }

    struct ForeignKey: Hashable, CustomStringConvertible {
        let table: String
        let column: String
        let references: String
        let referencedColumn: String
        let onDelete: String
        var description: String { "\(table).\(column) → \(references).\(referencedColumn) ON DELETE \(onDelete)" }
    }

    var tables: Set<String> = []
    var columns: Set<Column> = []
    var indexes: Set<Index> = []
    var foreignKeys: Set<ForeignKey> = []

    /// What this schema has that `other` lacks, one line each, for a failure message.
    func lines(missingFrom other: LedgerSchema) -> [String] {
        (tables.subtracting(other.tables).map { "table \($0)" } + columns.subtracting(other.columns).map { "column \($0)" }
            + indexes.subtracting(other.indexes).map { "index \($0)" }
            + foreignKeys.subtracting(other.foreignKeys).map { "foreign key \($0)" }).sorted()
    }

    /// Bookkeeping of the migrators, not the ledger's schema.
    static let migrationTables: Set<String> = ["grdb_migrations", "sqlite_sequence", "spendwatch_migrations"]

    /// `integer`, `text` or `blob` for the types the ledger uses; SQLite's INTEGER is 64-bit, as
    /// PostgreSQL's BIGINT is (its `integer` is 32-bit, so it keeps a name of its own).
    static func normalisedType(_ type: String, _ dialect: LedgerDialect) -> String {
        switch (type.lowercased(), dialect) {
        case ("integer", .sqlite), ("bigint", .postgres): "integer"
        case ("text", _): "text"
        case ("blob", .sqlite), ("bytea", .postgres): "blob"
        case (let other, _): "\(dialect) \(other)"
        }
    }

    /// Reads the schema of a SQLite ledger with `sqlite_master` and the table-valued pragmas.
    static func read(sqlite store: any LedgerStore) throws -> LedgerSchema {
        try store.read { db in
            var schema = LedgerSchema()
            let tables = try db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
                .filter { !migrationTables.contains($0["name"]) }
            for table in tables {
                let name: String = table["name"]
                schema.tables.insert(name)
                let info = try db.rows("SELECT * FROM pragma_table_info(?)", [name])
                let keyColumns = info.filter { ($0["pk"] as Int) > 0 }
                for column in info {
                    let type = normalisedType(column["type"], .sqlite)
                    let primaryKey: Int = column["pk"]
                    // An INTEGER PRIMARY KEY alone is the rowid: never NULL, and assigned by SQLite.
                    let rowid = primaryKey > 0 && keyColumns.count == 1 && type == "integer"
                    schema.columns.insert(Column(
                        table: name, name: column["name"], type: type,
                        // PostgreSQL makes every key column NOT NULL; SQLite only says so when asked.
                        notNull: (column["notnull"] as Int) == 1 || primaryKey > 0, primaryKey: primaryKey,
                        defaultValue: column["dflt_value"], assigned: rowid))
                }
                for index in try db.rows("SELECT * FROM pragma_index_list(?) WHERE origin = 'c'", [name]) {
                    let indexName: String = index["name"]
                    let columns = try db.rows("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [indexName]).map { $0["name"] as String }
                    schema.indexes.insert(Index(table: name, name: indexName, columns: columns, unique: (index["unique"] as Int) == 1))
                }
                for key in try db.rows("SELECT * FROM pragma_foreign_key_list(?)", [name]) {
                    schema.foreignKeys.insert(ForeignKey(table: name, column: key["from"], references: key["table"],
                                                         referencedColumn: key["to"], onDelete: (key["on_delete"] as String).uppercased()))
                }
            }
            return schema
        }
    }

    /// Reads the schema of a PostgreSQL ledger with `information_schema` and `pg_indexes`.
    ///
    /// `delivery.seq` is left out: it is PostgreSQL's spelling of SQLite's implicit `rowid`
    /// (`LedgerDialect.insertionOrder`, `SchemaSQL.Term.insertionOrderColumn`), the one column the
    /// dialects are meant to differ by.
    static func read(postgres store: any LedgerStore) throws -> LedgerSchema {
        let rowidStandIn = LedgerDialect.postgres.insertionOrder
        return try store.read { db in
            var schema = LedgerSchema()
            for table in try db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'") {
                let name: String = table["table_name"]
                if !migrationTables.contains(name) { schema.tables.insert(name) }
            }
            let keys = try db.rows("""
                SELECT k.table_name, k.column_name, k.ordinal_position FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND c.constraint_type = 'PRIMARY KEY'
                """)
            var keyPosition: [String: Int] = [:]
            for key in keys { keyPosition["\(key["table_name"] as String).\(key["column_name"] as String)"] = Int(key["ordinal_position"] as String) ?? 0 }
            for column in try db.rows("""
                SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
                FROM information_schema.columns WHERE table_schema = 'public'
                """) {
                let table: String = column["table_name"]
                let name: String = column["column_name"]
                guard schema.tables.contains(table), !(table == "delivery" && name == rowidStandIn) else { continue }
                schema.columns.insert(Column(
                    table: table, name: name, type: normalisedType(column["data_type"], .postgres),
                    notNull: (column["is_nullable"] as String) == "NO", primaryKey: keyPosition["\(table).\(name)"] ?? 0,
                    defaultValue: column["column_default"], assigned: (column["is_identity"] as String) == "YES"))
            }
            // Indexes made by CREATE INDEX, not those behind a primary key or unique constraint.
            for index in try db.rows("""
                SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
                AND indexname NOT IN (SELECT conname FROM pg_constraint)
                """) {
                let table: String = index["tablename"]
                guard schema.tables.contains(table) else { continue }
                let definition: String = index["indexdef"]
                let inside = definition[definition.index(after: definition.lastIndex(of: "(") ?? definition.startIndex)...]
                    .prefix { $0 != ")" }
                let columns = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""]) }
                schema.indexes.insert(Index(table: table, name: index["indexname"], columns: columns,
                                            unique: definition.hasPrefix("CREATE UNIQUE")))
            }
            for key in try db.rows("""
                SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name, c.confrelid::regclass::text AS referenced,
                       r.attname AS referenced_column, c.confdeltype::text AS on_delete
                FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
                WHERE c.contype = 'f'
                """) {
                let action = switch key["on_delete"] as String {
                case "c": "CASCADE"
                case "n": "SET NULL"
                case "d": "SET DEFAULT"
                case "r": "RESTRICT"
                default: "NO ACTION"
                }
                schema.foreignKeys.insert(ForeignKey(table: key["table_name"], column: key["column_name"], references: key["referenced"],
                                                     referencedColumn: key["referenced_column"], onDelete: action))
            }
            return schema
        }
    }
}

import Foundation

/// One row of a table read as a record: each value is read by its column and must be what the
/// schema allows, or the read throws `DamagedRow` naming the table, the column and the row.
///
/// Nothing defaults: a missing column, NULL in a required column, text where a number belongs or a
/// status the ledger never writes is a damaged ledger, which a finance officer must hear about
/// rather than see as a zero. Optional columns read NULL as nil; a missing one still throws.
struct RowReader {
    /// The row by column name (`rows`), or its values in the order of `columns` (`each`, no dictionary per row).
    private let named: LedgerRow?
    private let columns: [String]
    private let values: [LedgerValue]
    let table: String
    /// The columns that name the row in a message (`id`, or `week` and `project`); those the query
    /// did not select are left out.
    let key: [String]

    init(_ row: LedgerRow, table: String, key: [String] = ["id"]) {
        named = row
        columns = []
        values = []
        self.table = table
        self.key = key
    }

    /// A row of `LedgerTransaction.each`: `values[i]` is the column `columns[i]`.
    init(columns: [String], values: [LedgerValue], table: String, key: [String] = ["id"]) {
        named = nil
        self.columns = columns
        self.values = values
        self.table = table
        self.key = key
    }

    /// The stored value of `column`, nil when the query did not select it.
    private func stored(_ column: String) -> LedgerValue? {
        if let named { return named.values[column] }
        guard let index = columns.firstIndex(of: column), index < values.count else { return nil }
        return values[index]
    }

    /// The value of a column that must hold one.
    func value<T: LedgerColumnType>(_ column: String) throws(DamagedRow) -> T {
        guard let value = try optional(column) as T? else { throw damaged(column, "is NULL") }
        return value
    }

    /// The value of a column that may be NULL.
    func optional<T: LedgerColumnType>(_ column: String) throws(DamagedRow) -> T? {
        guard let stored = stored(column) else { throw damaged(column, "is missing") }
        if case .null = stored { return nil }
        guard let value = T.exactly(stored) else {
            throw damaged(column, "holds \(Self.describe(stored)) where \(T.kindName) belongs")
        }
        return value
    }

    /// A required text column holding one of an enumeration's raw values; `what` names the
    /// enumeration for the message ("a delivery status").
    func value<E: RawRepresentable & CaseIterable>(_ column: String, as _: E.Type, _ what: String) throws(DamagedRow) -> E
    where E.RawValue == String {
        guard let value = try optional(column, as: E.self, what) else { throw damaged(column, "is NULL") }
        return value
    }

    /// An optional text column holding one of an enumeration's raw values.
    func optional<E: RawRepresentable & CaseIterable>(_ column: String, as _: E.Type, _ what: String) throws(DamagedRow) -> E?
    where E.RawValue == String {
        try optional(column, parsedAs: what + " (" + E.allCases.map(\.rawValue).joined(separator: ", ") + ")", E.init(rawValue:))
    }

    /// A required text column that `parse` must accept; `what` names what it should hold ("an ISO week").
    func value<T>(_ column: String, parsedAs what: String, _ parse: (String) -> T?) throws(DamagedRow) -> T {
        guard let value = try optional(column, parsedAs: what, parse) else { throw damaged(column, "is NULL") }
        return value
    }

    /// An optional text column that `parse` must accept when it is not NULL.
    func optional<T>(_ column: String, parsedAs what: String, _ parse: (String) -> T?) throws(DamagedRow) -> T? {
        guard let text: String = try optional(column) else { return nil }
        guard let value = parse(text) else { throw damaged(column, "holds '\(Self.clip(text))', which is not \(what)") }
        return value
    }

    func damaged(_ column: String, _ problem: String) -> DamagedRow {
        let keyText = key.compactMap { column -> String? in
            switch stored(column) {
            case let .integer(number): String(number)
            case let .text(text): text
            case .blob, .null, nil: nil
            }
        }
        return DamagedRow(table: table, column: column, row: keyText.isEmpty ? nil : keyText.joined(separator: " "),
                          problem: problem)
    }

    static func describe(_ value: LedgerValue) -> String {
        switch value {
        case .null: "NULL"
        case let .integer(number): "the number \(number)"
        case let .text(text): "the text '\(clip(text))'"
        case let .blob(data): "\(data.count) bytes"
        }
    }

    static func clip(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}

/// A row that does not hold what its table's schema allows; the store turns it into
/// `LedgerError.damaged`, adding the ledger's location.
struct DamagedRow: Error, Sendable, Equatable {
    let table: String
    let column: String
    let row: String?
    let problem: String
}

/// A Swift type a column is read as by `RowReader`: only a stored value of the matching kind converts.
protocol LedgerColumnType {
    /// The value, when `value` is of this type's kind (never for NULL).
    static func exactly(_ value: LedgerValue) -> Self?
    /// What the column should hold, for a message: "a whole number".
    static var kindName: String { get }
}

extension String: LedgerColumnType {
    static func exactly(_ value: LedgerValue) -> String? {
        if case let .text(text) = value { text } else { nil }
    }
    static var kindName: String { "text" }
}

extension Int64: LedgerColumnType {
    static func exactly(_ value: LedgerValue) -> Int64? {
        if case let .integer(number) = value { number } else { nil }
    }
    static var kindName: String { "a whole number" }
}

extension Int: LedgerColumnType {
    static func exactly(_ value: LedgerValue) -> Int? { Int64.exactly(value).flatMap { Int(exactly: $0) } }
    static var kindName: String { "a whole number" }
}

extension Data: LedgerColumnType {
    static func exactly(_ value: LedgerValue) -> Data? {
        if case let .blob(data) = value { data } else { nil }
    }
    static var kindName: String { "bytes" }
}

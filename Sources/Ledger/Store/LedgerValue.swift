import Foundation

/// One value stored in or read from the ledger, in the four kinds both SQLite and PostgreSQL hold.
public enum LedgerValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be a statement argument or be read from a column.
///
/// Reading a NULL or a value of another kind into a non-optional type yields its empty value
/// (`""`, `0`, empty `Data`): the schema's NOT NULL columns make that unreachable in practice.
public protocol LedgerArgument: Sendable {
    var ledgerValue: LedgerValue { get }
    static func decode(_ value: LedgerValue) -> Self
}

extension String: LedgerArgument {
    public var ledgerValue: LedgerValue { .text(self) }
    public static func decode(_ value: LedgerValue) -> String {
        switch value {
        case let .text(text): text
        case let .integer(number): String(number)
        case let .blob(data): String(decoding: data, as: UTF8.self)
        case .null: ""
        }
    }
}

extension Int64: LedgerArgument {
    public var ledgerValue: LedgerValue { .integer(self) }
    public static func decode(_ value: LedgerValue) -> Int64 {
        switch value {
        case let .integer(number): number
        case let .text(text): Int64(text) ?? 0
        case .blob, .null: 0
        }
    }
}

extension Int: LedgerArgument {
    public var ledgerValue: LedgerValue { .integer(Int64(self)) }
    public static func decode(_ value: LedgerValue) -> Int { Int(truncatingIfNeeded: Int64.decode(value)) }
}

extension Int32: LedgerArgument {
    public var ledgerValue: LedgerValue { .integer(Int64(self)) }
    public static func decode(_ value: LedgerValue) -> Int32 { Int32(truncatingIfNeeded: Int64.decode(value)) }
}

extension Data: LedgerArgument {
    public var ledgerValue: LedgerValue { .blob(self) }
    public static func decode(_ value: LedgerValue) -> Data {
        switch value {
        case let .blob(data): data
        case let .text(text): Data(text.utf8)
        case .integer, .null: Data()
        }
    }
}

extension Optional: LedgerArgument where Wrapped: LedgerArgument {
    public var ledgerValue: LedgerValue { map(\.ledgerValue) ?? .null }
    public static func decode(_ value: LedgerValue) -> Wrapped? {
        if case .null = value { return nil }
        return Wrapped.decode(value)
    }
}

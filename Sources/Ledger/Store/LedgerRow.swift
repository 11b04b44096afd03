/// One row of a query, by column name.
public struct LedgerRow: Sendable, Hashable {
    public let values: [String: LedgerValue]

    public init(_ values: [String: LedgerValue]) { self.values = values }

    /// The column's value as `T`; a missing column reads as NULL.
    public subscript<T: LedgerArgument>(_ column: String) -> T {
        T.decode(values[column] ?? .null)
    }
}

/// One row of a query, by column name.
public struct LedgerRow: Sendable, Hashable {
    public let values: [String: LedgerValue]

    public init(_ values: [String: LedgerValue]) { self.values = values }

    /// The column's value as `T`; a missing column reads as NULL, and NULL or another kind as
    /// `T`'s empty value (see `LedgerArgument`). For quick looks only: the ledger reads its own
    /// rows through `RowReader`, which throws instead of guessing.
    public subscript<T: LedgerArgument>(_ column: String) -> T {
        T.decode(values[column] ?? .null)
    }
}

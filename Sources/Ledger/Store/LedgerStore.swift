/// Where the ledger's tables live: a SQLite file (`SQLiteStore`) or a PostgreSQL database (`PostgresStore`).
///
/// A protocol because storage is the one swappable I/O here: the ledger's queries are written once,
/// in SQL both accept, and run in a transaction of either.
public protocol LedgerStore: Sendable {
    /// The file or the URL (password hidden), for messages.
    var location: String { get }
    var dialect: LedgerDialect { get }
    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    func write<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T
    /// Runs `body` against one consistent view of the ledger.
    func read<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T
}

/// Statements inside one transaction of a `LedgerStore`. Placeholders are `?`.
public protocol LedgerTransaction {
    func execute(_ sql: String, _ arguments: [any LedgerArgument]) throws
    func rows(_ sql: String, _ arguments: [any LedgerArgument]) throws -> [LedgerRow]
    /// Calls `body` with each row of the query as it is read: the selected column names (the same array
    /// every time) and the row's values in that order. For large reads: no dictionary per row, no array of rows.
    func each(_ sql: String, _ arguments: [any LedgerArgument], _ body: (_ columns: [String], _ values: [LedgerValue]) throws -> Void) throws
    /// One statement parsed once and run many times in this transaction (thousands of inserts).
    func prepare(_ sql: String) throws -> any LedgerStatement
}

/// A statement prepared in a `LedgerTransaction`; valid until that transaction ends.
public protocol LedgerStatement {
    /// Runs the statement with `arguments` bound to its `?` placeholders in order.
    func execute(_ arguments: [LedgerValue]) throws
}

extension LedgerTransaction {
    public func execute(_ sql: String) throws { try execute(sql, []) }
    public func rows(_ sql: String) throws -> [LedgerRow] { try rows(sql, []) }
}

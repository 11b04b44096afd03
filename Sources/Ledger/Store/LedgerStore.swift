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
}

extension LedgerTransaction {
    public func execute(_ sql: String) throws { try execute(sql, []) }
    public func rows(_ sql: String) throws -> [LedgerRow] { try rows(sql, []) }
}

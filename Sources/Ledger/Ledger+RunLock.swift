extension Ledger {
    /// Takes the run lock of the SQLite ledger at `path`: `<path>.lock`. Call before opening the ledger.
    public static func runLock(path: String) throws(RunLockError) -> any RunLock {
        try FileRunLock(path: path + ".lock")
    }

    /// Takes the run lock of the ledger a config names: `<path>.lock` beside a SQLite ledger, the
    /// advisory lock of a PostgreSQL one. Call before opening the ledger.
    public static func runLock(url: String) throws(RunLockError) -> any RunLock {
        if isPostgres(url) { return try PostgresRunLock(url: url) }
        return try runLock(path: url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url)
    }
}

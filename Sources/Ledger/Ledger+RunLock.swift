extension Ledger {
    /// Takes the run lock of the SQLite ledger at `path`: `<path>.lock`. Call before opening the ledger.
    public static func runLock(path: String) throws(RunLockError) -> any RunLock {
        try FileRunLock(path: path + ".lock")
    }
}

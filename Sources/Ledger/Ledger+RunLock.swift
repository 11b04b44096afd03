import Foundation
extension Ledger {
    /// Takes the run lock of the SQLite ledger at `path`: `<path>.lock`. Call before opening the ledger.
    public static func runLock(path: String) throws(RunLockError) -> any RunLock {
        try FileRunLock(path: resolved(path) + ".lock")
    }

    /// The ledger's real path: two configs that reach one file through a symlink (of the file or of a folder
    /// above it) must take one lock, not two.
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let url = URL(fileURLWithPath: path)
        guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return path }
        defer { free(folder) }
        return URL(fileURLWithPath: String(cString: folder)).appendingPathComponent(url.lastPathComponent).path
    }

    /// Takes the run lock of the ledger a config names: `<path>.lock` beside a SQLite ledger, the
    /// advisory lock of a PostgreSQL one. Call before opening the ledger.
    public static func runLock(url: String) throws(RunLockError) -> any RunLock {
        if isPostgres(url) { return try PostgresRunLock(url: url) }
        return try runLock(path: url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url)
    }

    /// The pid of a live run holding this ledger's lock now, read without touching the lock: from
    /// `<path>.lock` beside a SQLite ledger, from the holding session's `application_name` (which
    /// `PostgresRunLock` sets to `spendwatch pid N on HOST`) for a PostgreSQL one.
    public func runLockHolderPID() -> Int32? {
        guard store.dialect == .postgres else { return FileRunLock.holder(path: Self.resolved(path) + ".lock") }
        let sql = """
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((l.classid::bigint << 32) | l.objid::bigint) = ?
            """
        guard let name: String = (try? store.read { try $0.rows(sql, [AdvisoryLock.key]) })?.first?["application_name"],
              let match = name.firstMatch(of: #/^spendwatch pid ([0-9]+) /#) else { return nil }
        return Int32(match.1)
    }
}

/// The one-run-at-a-time lock of a PostgreSQL ledger: a session-level advisory lock.
///
/// The server releases it when the holder's connection ends, so a killed run never blocks the next.
public struct AdvisoryLock {
    /// One key per ledger database: every spendwatch run against it contends for the same lock.
    public static let key: Int64 = 0x5350_4E44_5741_5443   // "SPNDWATC"

    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Takes the lock if it is free; returns false at once when another session holds it.
    public func tryAcquire() throws(LedgerError) -> Bool {
        try connection.execute("SELECT pg_try_advisory_lock($1) AS locked", [String(Self.key)]).value(0, "locked") == "t"
    }

    /// The pid of the server process of the session holding the lock, for the message a second run prints.
    public func holder() throws(LedgerError) -> String? {
        try holderSession()?.pid
    }

    /// The server pid and the `application_name` of the session holding the lock (a run names
    /// itself `spendwatch pid N on HOST` there), or nil when the lock is free.
    public func holderSession() throws(LedgerError) -> (pid: String, applicationName: String?)? {
        let sql = """
            SELECT l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((l.classid::bigint << 32) | l.objid::bigint) = $1
            """
        let rows = try connection.execute(sql, [String(Self.key)])
        guard let pid = rows.value(0, "pid") else { return nil }
        return (pid, rows.value(0, "application_name").flatMap { $0.isEmpty ? nil : $0 })
    }

    public func release() throws(LedgerError) {
        try connection.execute("SELECT pg_advisory_unlock($1)", [String(Self.key)])
    }
}

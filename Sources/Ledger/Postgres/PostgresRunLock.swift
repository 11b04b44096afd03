import Foundation

/// The run lock of a PostgreSQL ledger: the advisory lock, held on a connection of its own for the
/// whole run, so runs on different nodes exclude each other.
///
/// The server drops the lock when that connection ends, however the run ends (SIGKILL, a node lost,
/// a pod evicted), so nothing ever needs cleaning up before the next run.
public final class PostgresRunLock: RunLock {
    public let location: String
    private var connection: PostgresConnection?

    /// Takes the lock at once or throws `RunLockError.heldOnDatabase` naming the holder; never waits.
    public init(url: String) throws(RunLockError) {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(url: url)
        } catch {
            let reason = if case let .cannotOpen(_, reason) = error { reason } else { "\(error)" }
            throw .unreachable(database: PostgresConnection.hidePassword(url), reason: reason)
        }
        location = connection.displayURL
        // The session's name is what a refused run reports: a node and a pid say more than a server backend.
        let name = "spendwatch pid \(getpid()) on \(ProcessInfo.processInfo.hostName)"
        _ = try? connection.execute("SELECT set_config('application_name', $1, false)", [name])
        let lock = AdvisoryLock(connection: connection)
        let acquired: Bool
        do {
            acquired = try lock.tryAcquire()
        } catch {
            throw .cannotCreate(path: location, reason: "\(error)")
        }
        guard acquired else {
            let holder = (try? lock.holderSession()).flatMap { $0 }
            throw .heldOnDatabase(database: location, holder: holder.map { $0.applicationName ?? "server pid \($0.pid)" })
        }
        self.connection = connection
    }

    public func release() {
        guard let connection else { return }
        _ = try? AdvisoryLock(connection: connection).release()
        self.connection = nil
    }

    deinit { release() }
}

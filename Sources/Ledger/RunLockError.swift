/// Why a run could not take the ledger's lock.
public enum RunLockError: Error, Sendable, CustomStringConvertible {
    /// Another run holds it (exit 75: try again later).
    case held(path: String, pid: Int32?)
    /// Another run, perhaps on another node, holds the PostgreSQL ledger's advisory lock (exit 75).
    case heldOnDatabase(database: String, holder: String?)
    /// The PostgreSQL ledger could not be reached to take its lock (exit 69).
    case unreachable(database: String, reason: String)
    /// The lock file could not be created or locked (exit 73).
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, pid):
            "another spendwatch run holds the ledger lock \(path)"
                + (pid.map { " (pid \($0))" } ?? "")
                + "; only one run at a time may use a ledger. Wait for it to finish and try again."
        case let .heldOnDatabase(database, holder):
            "another spendwatch run holds the run lock of the ledger \(database)"
                + (holder.map { " (\($0))" } ?? "")
                + "; only one run at a time may use a ledger, on any node. Wait for it to finish and try again."
        case let .unreachable(database, reason):
            "cannot reach the ledger \(database) to take its run lock: \(reason)"
        case let .cannotCreate(path, reason):
            "cannot create the ledger lock \(path): \(reason)"
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server on 127.0.0.1: its own cluster in a folder of the `TestProcessFolder`
/// (logs included), TCP only, trust authentication, stopped (immediate mode) and deleted when it is
/// released or its test process ends.
///
/// Uses Debian's `postgresql` package (installed by `scripts/setup.sh --test`). PostgreSQL refuses to
/// run as root, so under root the server runs as the `postgres` user. Suites share one server
/// (`shared`) and take a fresh database each, which keeps them fast.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let binaries: String
    private let lock = NSLock()
    private var databases = 0
    private var stopped = false

    /// One server for the whole test process, started on first use.
    public static func shared() throws -> PostgresServer {
        try sharedServer.get()
    }

    private static let sharedServer = Result { try PostgresServer() }

    public init() throws {
        binaries = try Self.binDirectory()
        folder = Paths.temporaryDirectory("postgres")
        port = try Self.freePort()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let data = folder.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-A", "trust", "-U", "spendwatch", "--no-sync", "-E", "UTF8"])
        // TCP only (`-k ''`: no Unix socket): a socket path under a deep TMPDIR can pass the 107-byte limit.
        try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o",
                           "-p \(port) -k '' -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
        // A static is never deinitialised: the server stops, and its folder goes, when the test process
        // exits; if the process is killed instead, its watchdog stops the server (SIGQUIT to the
        // postmaster is an immediate shutdown).
        TestProcessFolder.shared.atExit { [weak self] in
            self?.stop()
            if let folder = self?.folder { try? FileManager.default.removeItem(at: folder) }
        }
        TestProcessFolder.shared.ifKilled("kill -QUIT \"$(head -1 '\(data)/postmaster.pid' 2>/dev/null)\" 2>/dev/null; sleep 1")
    }

    /// A URL for a fresh database whose name starts with `name` on this server.
    public func createDatabase(_ name: String) throws -> String {
        let unique = lock.withLock {
            databases += 1
            return "\(name)_\(databases)"
        }
        try run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "spendwatch", unique])
        return url(database: unique)
    }

    public func url(database: String) -> String { "postgres://spendwatch@127.0.0.1:\(port)/\(database)" }

    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        _ = try? run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a server tool to its end. `posix_spawn` and `waitpid`, not `Foundation.Process`: Process
    /// never saw `pg_ctl start` end while the server it started lived on, and the child must not
    /// inherit the test thread's blocked signals.
    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let command = ["\(binaries)/\(tool)"] + arguments
        // A file, not a pipe: the server that pg_ctl starts would hold a pipe open and never let it end.
        let log = folder.appendingPathComponent("\(tool).out").path
        let pid = getuid() == 0
            ? try spawnProcess("/usr/sbin/runuser", ["-u", "postgres", "--"] + command, output: log, directory: folder.path)
            : try spawnProcess(command[0], arguments, output: log, directory: folder.path)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out: the macros are not imported into Swift.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw ServerError.failed(tool: tool, output: text) }
        return text
    }

    static func binDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let version = versions.filter({ FileManager.default.fileExists(atPath: "\(root)/\($0)/bin/initdb") })
            .max(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) else {
            throw ServerError.notInstalled
        }
        return "\(root)/\(version)/bin"
    }

    /// A port on 127.0.0.1 that nothing listens on (as bound and released just now).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw ServerError.noPort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public enum ServerError: Error, CustomStringConvertible {
        case notInstalled
        case noPort
        case failed(tool: String, output: String)

        public var description: String {
            switch self {
            case .notInstalled: "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
            case .noPort: "no free port on 127.0.0.1"
            case let .failed(tool, output): "\(tool) failed: \(output)"
            }
        }
    }
}

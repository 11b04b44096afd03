import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder for what lives as long as the test process: the shared PostgreSQL cluster, SQLite ledgers
/// handed out as bare URLs (`LedgerKind.freshURL()`) and `Paths.temporaryDirectory(_:)` folders.
///
/// `$TMPDIR/spendwatch-tests-<pid>`. When the process exits it runs the `atExit` handlers (last
/// registered first: the PostgreSQL server stops there) and removes the folder. A process that is
/// killed cannot: a watchdog shell then runs the `ifKilled` commands and removes the folder.
public final class TestProcessFolder: @unchecked Sendable {
    public static let shared = TestProcessFolder()

    public let url: URL
    private let lock = NSLock()
    private var handlers: [@Sendable () -> Void] = []
    private var watchdog: pid_t = 0
    private var killedScript: URL { url.appendingPathComponent(".if-killed.sh") }

    private init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("spendwatch-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            [ -f '\(killedScript.path)' ] && sh '\(killedScript.path)'
            rm -rf '\(url.path)'
            """
        watchdog = (try? spawnProcess("/bin/sh", ["-c", script], output: "/dev/null", directory: "/")) ?? 0
        atexit { TestProcessFolder.shared.exit() }
    }

    /// A new empty folder in this process's folder.
    public func subfolder(_ label: String) -> URL {
        let folder = url.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `handler` when the test process exits, before its folder is removed.
    public func atExit(_ handler: @escaping @Sendable () -> Void) {
        lock.withLock { handlers.append(handler) }
    }

    /// Has the watchdog run `command` (`sh`, from the folder `/`) if the process is killed before it exits.
    public func ifKilled(_ command: String) {
        lock.withLock {
            let earlier = (try? String(contentsOf: killedScript, encoding: .utf8)) ?? ""
            try? Data((earlier + command + "\n").utf8).write(to: killedScript)
        }
    }

    private func exit() {
        let handlers = lock.withLock { self.handlers }
        handlers.reversed().forEach { $0() }
        if watchdog > 0 { kill(watchdog, SIGKILL) }
        try? FileManager.default.removeItem(at: url)
    }
}

import Foundation

/// A throwaway PostgreSQL server on 127.0.0.1 for one test suite: its own cluster in a temporary
/// folder, trust authentication, stopped (immediate mode) and deleted when the suite ends.
///
/// Uses Debian's `postgresql` package (installed by `scripts/setup.sh --test`). PostgreSQL refuses to
/// run as root, so under root the server runs as the `postgres` user.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let binaries: String

    public init() throws {
        binaries = try Self.binDirectory()
        folder = Paths.temporaryDirectory("postgres")
        port = try Self.freePort()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let data = folder.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-A", "trust", "-U", "spendwatch", "--no-sync", "-E", "UTF8"])
        try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o",
                           "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    /// A URL for a fresh database named `name` on this server.
    public func createDatabase(_ name: String) throws -> String {
        try run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "spendwatch", name])
        return url(database: name)
    }

    public func url(database: String) -> String { "postgres://spendwatch@127.0.0.1:\(port)/\(database)" }

    public func stop() {
        _ = try? run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let command = ["\(binaries)/\(tool)"] + arguments
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = arguments
        }
        // A file, not a pipe: the server that pg_ctl starts would hold a pipe open and never let it end.
        let log = folder.appendingPathComponent("\(tool).out")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw ServerError.failed(tool: tool, output: text) }
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

    static func freePort() throws -> Int {
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

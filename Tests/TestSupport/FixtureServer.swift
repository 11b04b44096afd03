import Foundation

/// A Python server from `Tests/Fixtures/servers/` on 127.0.0.1, for tests that need a real peer.
///
/// The script picks a free port and prints it; `stop()` (or deinit) kills it with SIGKILL. A server whose
/// test process is killed first ends itself (`orphanGuard`). Files it writes go in a folder the test owns.
public final class FixtureServer: @unchecked Sendable {
    public let port: Int
    let process: Process

    public init(_ script: String, arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.orphanGuard, Paths.fixture("servers/\(script)")] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FixtureServerError(message: "\(script) did not print a port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    /// Runs the script (`argv[1]`) as `__main__`, and ends the process once its parent, the test
    /// process, is gone: a killed test process runs no deinit.
    static let orphanGuard = """
        import os, runpy, sys, threading, time
        parent = os.getppid()
        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
        """

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

public struct FixtureServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Runs a program to the end and returns its status and output (stdout, stderr).
public func runProgram(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                       currentDirectory: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    // Files, not pipes: a chatty child can never block on a full pipe while we wait for it.
    let folder = try TemporaryDirectory("run-output")
    let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (process.terminationStatus, out, err)
}

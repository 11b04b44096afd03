import Foundation

/// A real server on 127.0.0.1 run by a Python script from `Tests/Fixtures/servers/`.
///
/// The script prints its port on the first line of stdout. It is stopped with SIGKILL, because a
/// child of the test runner inherits blocked signals and would never see SIGTERM.
public final class LocalServer: @unchecked Sendable {
    public let port: Int
    private let process: Process

    public init(script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Paths.fixture("servers/\(script)")] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw ServerError.noPort(script: script, got: String(decoding: line, as: UTF8.self))
        }
        self.process = process
        self.port = port
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    public enum ServerError: Error {
        case noPort(script: String, got: String)
    }
}

import Foundation
import TestSupport

/// A real server on 127.0.0.1 from `Tests/Fixtures/servers/`; it prints its port first. Stopped
/// with SIGKILL, because a child of the test runner inherits blocked signals and ignores SIGTERM.
final class ScriptServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    init(script: String, arguments: [String] = []) throws {
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
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown)
        }
        self.process = process
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

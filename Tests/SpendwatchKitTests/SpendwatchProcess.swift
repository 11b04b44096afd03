import Foundation
import TestSupport
import Testing

/// The built `spendwatch` executable, run as a real process.
enum SpendwatchProcess {
    static var binary: String { Paths.spendwatchBinary }

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SPENDWATCH_CONFIG"] = nil
        environment["SPENDWATCH_TRIGGER"] = nil
        return environment
    }

    /// Starts `spendwatch arguments…` with stdout and stderr in files under `folder`.
    static func start(_ arguments: [String], in folder: URL, name: String, environment: [String: String]? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment ?? Self.environment
        for stream in ["out", "err"] {
            try #require(FileManager.default.createFile(atPath: folder.appendingPathComponent("\(name).\(stream)").path, contents: nil))
        }
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("\(name).out"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("\(name).err"))
        try process.run()
        return process
    }

    /// Runs to the end; returns the exit status, stdout, stderr and the seconds it took (for messages:
    /// a bound on them fails on a slow or busy machine).
    static func run(_ arguments: [String], in folder: URL, name: String,
                    environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String, seconds: Double) {
        let started = Date()
        let process = try start(arguments, in: folder, name: name, environment: environment)
        process.waitUntilExit()
        let out = (try? String(contentsOf: folder.appendingPathComponent("\(name).out"), encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: folder.appendingPathComponent("\(name).err"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err, Date().timeIntervalSince(started))
    }
}

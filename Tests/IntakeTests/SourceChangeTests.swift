import Budget
import Foundation
import Testing
import TestSupport
import Transport
@testable import Intake

/// A figures file rewritten while it is read is refused, never reported in part.
@Suite(.serialized) struct SourceChangeTests {
    @Test(arguments: ["appended to", "rewritten in place", "replaced by rename"])
    func aFileThatChangesBetweenTheTwoLooksIsRefused(_ change: String) throws {
        let folder = try TemporaryDirectory("change")
        let path = folder.appendingPathComponent("figures.csv").path
        try Data("week,project,executed\n2009-W26,ECO-01,100\n".utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let before = try #require(FileIdentity.of(descriptor: fd))
        usleep(10_000)
        switch change {
        case "appended to":
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("2009-W26,ECO-02,5\n".utf8))
            try handle.close()
        case "rewritten in place":
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: Data("week,project,executed\n2009-W26,ECO-01,900\n".utf8))
            try handle.close()
        default:
            try Data("week,project,executed\n2009-W26,ECO-01,900\n".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        #expect(throws: IntakeError.self) {
            try FileIdentity.checkUnchanged(before, fd: fd, path: path, bytesRead: Int(before.size))
        }
        // Untouched, the same check passes.
        let fresh = open(path, O_RDONLY)
        defer { close(fresh) }
        let now = try #require(FileIdentity.of(descriptor: fresh))
        try FileIdentity.checkUnchanged(now, fd: fresh, path: path, bytesRead: Int(now.size))
    }

    /// Another process rewrites the file over and over between two versions of the same length while the
    /// reader reads it 12 times: each read is one whole version or refused, never a mix.
    @Test(.timeLimit(.minutes(3)), arguments: [SourceKind.cumulative, .transactions])
    func aFileRewrittenDuringTheReadIsNeverHalfRead(_ kind: SourceKind) throws {
        let folder = try TemporaryDirectory("change")
        let path = folder.appendingPathComponent("figures.csv").path
        var a = kind == .cumulative ? "week,program,project,executed\n" : "date,program,project,amount\n"
        for i in 0..<5_000 { a += kind == .cumulative ? "2009-W26,ECO,ECO-\(i),1000\n" : "2009-06-2\(i % 7 + 1),ECO,ECO-\(i % 50),1000\n" }
        let b = a.replacingOccurrences(of: ",1000\n", with: ",2000\n")
        try Data(a.utf8).write(to: URL(fileURLWithPath: path))
        let aFile = folder.appendingPathComponent("a").path, bFile = folder.appendingPathComponent("b").path
        try Data(a.utf8).write(to: URL(fileURLWithPath: aFile))
        try Data(b.utf8).write(to: URL(fileURLWithPath: bFile))
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // In place, 4 KiB at a time, alternating versions, until killed.
        writer.arguments = ["python3", "-c", """
            import os, sys, time
            versions = [open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()]
            fd = os.open(sys.argv[1], os.O_WRONLY)
            n = 0
            while True:
                data = versions[n % 2]; n += 1
                for off in range(0, len(data), 4096):
                    os.pwrite(fd, data[off:off + 4096], off)
                time.sleep(0.002)
            """, path, aFile, bFile]
        try writer.run()
        defer { kill(writer.processIdentifier, SIGKILL); writer.waitUntilExit() }
        usleep(200_000)
        var refused = 0, whole = 0
        for _ in 0..<12 {
            switch Result(catching: { () throws(IntakeError) -> Int64 in try Self.total(kind, path: path) }) {
            case let .success(total):
                #expect(total == 5_000_000 || total == 10_000_000, "a mix of two versions was read: \(total)")
                whole += 1
            case let .failure(.changedWhileRead(source)):
                #expect(source == path)
                refused += 1
            case let .failure(other):
                Issue.record("\(other)")
            }
        }
        #expect(refused + whole == 12)
    }

    static func total(_ kind: SourceKind, path: String) throws(IntakeError) -> Int64 {
        if kind == .cumulative {
            let document = try SourceFetcher(client: HTTPClient()).fetch(.file(path: path), headers: [])
            return try FiguresReader(columns: [:], format: .csv).read(document).reduce(0) { $0 + $1.executed }
        }
        let figures = try TransactionsReader(columns: [:]).read(path: path)
        var last: [String: Figure] = [:]
        for figure in figures where last[figure.project].map({ $0.week < figure.week }) ?? true { last[figure.project] = figure }
        return last.values.reduce(0) { $0 + $1.executed }
    }
}

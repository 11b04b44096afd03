import Foundation
import Ledger
import Testing
import TestSupport

/// One run at a time per ledger, with two real `spendwatch` processes.
@Suite(.serialized)
struct RunLockProcessTests {
    @Test(.timeLimit(.minutes(3)))
    func aSecondRunExits75AtOnceAndAKilledHolderDoesNotBlockTheNext() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary),
                     "build the executable first: swift build --build-tests")
        let server = try FixtureServer("slow_http.py")
        defer { server.stop() }
        let workspace = try HistoryWorkspace(source: "\(server.baseURL)/figures.csv")
        let config = try String(contentsOfFile: workspace.config, encoding: .utf8)
        try workspace.write("fast.yml", config.replacingOccurrences(of: "\(server.baseURL)/figures.csv", with: "file:figures.csv"))
        let fast = workspace.folder.appendingPathComponent("fast.yml").path
        let lockFile = workspace.ledger + ".lock"

        let holder = try SpendwatchProcess.start(["run", "--config", workspace.config, "--week", "2009-W10"], in: workspace.folder, name: "holder")
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() } }
        // The holder writes its pid into the lock file once it holds the lock.
        let deadline = Date().addingTimeInterval(30)
        while (try? String(contentsOfFile: lockFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) != "\(holder.processIdentifier)" {
            try #require(Date() < deadline && holder.isRunning, "the first run never took the lock")
            usleep(50_000)
        }

        // …and then records its run before it fetches.
        while !FileManager.default.fileExists(atPath: workspace.ledger) || (try? Ledger(path: workspace.ledger).runs().count) != 1 {
            try #require(Date() < deadline && holder.isRunning, "the first run never recorded its start")
            usleep(50_000)
        }
        let during = try SpendwatchProcess.run(["history", "--config", fast], in: workspace.folder, name: "during")
        #expect(during.stdout.contains("running (pid \(holder.processIdentifier))"), "\(during.stdout)\(during.stderr)")

        let second = try SpendwatchProcess.run(["run", "--config", fast, "--week", "2009-W10"], in: workspace.folder, name: "second")
        #expect(second.status == 75)
        // A held lock fails at once rather than waiting for it: the holder, stuck on a fetch the server
        // holds for 60 s, is still running when the second run has ended.
        #expect(holder.isRunning, "the second run waited for the holder (\(second.seconds) s)")
        #expect(second.stderr.contains(lockFile))
        #expect(second.stderr.contains("pid \(holder.processIdentifier)"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("out/2009-W10/report.json").path))

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let next = try SpendwatchProcess.run(["run", "--config", fast, "--week", "2009-W10", "--trigger", "scheduled"], in: workspace.folder, name: "next")
        #expect(next.status == 0, "stderr: \(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("out/2009-W10/report.json").path))

        let runs = try Ledger(path: workspace.ledger).runs()
        #expect(runs.count == 2)
        #expect(runs.first?.outcome == "interrupted", "the next run, holding the lock, records the killed run as interrupted")
        #expect(runs.last?.trigger == "scheduled" && runs.last?.outcome == "done")
        let history = try SpendwatchProcess.run(["history", "--config", fast], in: workspace.folder, name: "history")
        #expect(history.status == 0)
        #expect(history.stdout.contains("interrupted"))
        #expect(history.stdout.contains("scheduled"))
    }

    @Test(.timeLimit(.minutes(3)))
    func deliverPendingWaitsForNoRunAndExits75WhileOneHoldsTheLedger() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary))
        let workspace = try HistoryWorkspace()
        let lock = try Ledger.runLock(path: workspace.ledger)
        let held = try SpendwatchProcess.run(["deliver", "--pending", "--config", workspace.config], in: workspace.folder, name: "held")
        #expect(held.status == 75)
        #expect(held.stderr.contains("\(ProcessInfo.processInfo.processIdentifier)"), "names the holder: \(held.stderr)")
        // No bound on its time: this process holds the lock until after `deliver` has ended, so a deliver
        // that waited for the lock would never have returned 75.
        lock.release()
        let free = try SpendwatchProcess.run(["deliver", "--pending", "--config", workspace.config], in: workspace.folder, name: "free")
        #expect(free.status == 0, "\(free.stderr)")
    }
}

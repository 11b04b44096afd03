import Foundation
import Ledger
import Testing
import TestSupport

/// One run at a time per PostgreSQL ledger, with two real `spendwatch` processes that share only
/// the database, as two nodes of a cluster would.
@Suite(.serialized)
struct PostgresRunLockProcessTests {
    @Test(.timeLimit(.minutes(3)))
    func historyOfADatabaseNoRunHasUsedSaysSoAndCreatesNoTable() throws {
        let url = try PostgresServer.shared().createDatabase("empty")
        let node = try HistoryWorkspace(ledger: url)
        let history = try SpendwatchProcess.run(["history", "--config", node.config], in: node.folder, name: "history")
        #expect(history.status == 66, "\(history.stderr)")
        #expect(history.stderr.contains("no ledger at"), "\(history.stderr)")
        #expect(try PostgresStore.ledgerExists(url: url) == false)
    }

    @Test(.timeLimit(.minutes(3)))
    func anUnreachableDatabaseExits69WithoutThePassword() throws {
        let port = try PostgresServer.freePort()
        let node = try HistoryWorkspace(ledger: "postgres://spendwatch:${SPENDWATCH_TEST_PGPASSWORD}@127.0.0.1:\(port)/spendwatch")
        var environment = SpendwatchProcess.environment
        environment["SPENDWATCH_TEST_PGPASSWORD"] = "hunter22"
        let run = try SpendwatchProcess.run(["run", "--config", node.config, "--week", "2009-W10"], in: node.folder, name: "run",
                                            environment: environment)
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:\(port)/spendwatch"), "\(run.stderr)")
        #expect(!run.stderr.contains("hunter22"))
    }

    @Test(.timeLimit(.minutes(3)))
    func aSecondRunOnAnotherNodeExits75AtOnceAndAKilledHolderDoesNotBlockTheNext() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary),
                     "build the executable first: swift build --build-tests")
        let url = try PostgresServer.shared().createDatabase("runlock")
        let server = try FixtureServer("slow_http.py")
        defer { server.stop() }
        // Two nodes: two folders with their own config, output and no SQLite file, one ledger.
        let nodeA = try HistoryWorkspace(source: "\(server.baseURL)/figures.csv", ledger: url)
        let nodeB = try HistoryWorkspace(ledger: url)

        let holder = try SpendwatchProcess.start(["run", "--config", nodeA.config, "--week", "2009-W10"], in: nodeA.folder, name: "holder")
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() } }
        // The holder takes the lock, then records its run before it fetches.
        let deadline = Date().addingTimeInterval(30)
        while (try? Ledger(url: url).runs().count) != 1 {
            try #require(Date() < deadline && holder.isRunning, "the first run never recorded its start")
            usleep(50_000)
        }

        let during = try SpendwatchProcess.run(["history", "--config", nodeB.config], in: nodeB.folder, name: "during")
        #expect(during.stdout.contains("running (pid \(holder.processIdentifier))"), "\(during.stdout)\(during.stderr)")

        let second = try SpendwatchProcess.run(["run", "--config", nodeB.config, "--week", "2009-W10"], in: nodeB.folder, name: "second")
        #expect(second.status == 75)
        // A held lock fails at once rather than waiting for it: the holder, stuck on a fetch the server
        // holds for 60 s, is still running when the second run has ended.
        #expect(holder.isRunning, "the second run waited for the holder (\(second.seconds) s)")
        // The log's redactor masks a URL's user part; the host, port and database stay.
        let database = try #require(url.split(separator: "@").last)
        #expect(second.stderr.contains("@\(database)"), "\(second.stderr)")
        #expect(second.stderr.contains("spendwatch pid \(holder.processIdentifier) on "), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: nodeB.folder.appendingPathComponent("out/2009-W10/report.json").path))

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        // The server ends the killed run's session as soon as it sees the connection closed.
        let watcher = try PostgresConnection(url: url)
        while try AdvisoryLock(connection: watcher).holder() != nil {
            try #require(Date() < deadline, "the killed run's lock was never released")
            usleep(20_000)
        }
        let next = try SpendwatchProcess.run(["run", "--config", nodeB.config, "--week", "2009-W10", "--trigger", "scheduled"],
                                             in: nodeB.folder, name: "next")
        #expect(next.status == 0, "stderr: \(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: nodeB.folder.appendingPathComponent("out/2009-W10/report.json").path))

        let runs = try Ledger(url: url).runs()
        #expect(runs.count == 2)
        #expect(runs.first?.outcome == "interrupted", "the next run, holding the lock, records the killed run as interrupted")
        #expect(runs.last?.trigger == "scheduled" && runs.last?.outcome == "done")
        let history = try SpendwatchProcess.run(["history", "--config", nodeA.config], in: nodeA.folder, name: "history")
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("interrupted"))
        #expect(history.stdout.contains("scheduled"))
        #expect(!FileManager.default.fileExists(atPath: nodeA.ledger) && !FileManager.default.fileExists(atPath: nodeB.ledger))
    }
}

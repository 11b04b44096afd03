import Foundation
import Ledger
import TestSupport
import Testing

/// SIGTERM (systemctl stop, a Kubernetes eviction) and SIGINT (Ctrl-C) stop a run at a safe point: it says so,
/// records `interrupted`, exits 143 / 130, and leaves the outbox as the next run needs it.
@Suite struct StopSignalTests {
    static func waitFor(_ what: String, timeout: TimeInterval = 30, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            try #require(Date() < deadline, "timed out waiting for \(what)")
            usleep(50_000)
        }
    }

    @Test(arguments: [(SIGTERM, Int32(143), "SIGTERM"), (SIGINT, Int32(130), "SIGINT")])
    func aSignalDuringIntakeStopsTheRunAtOnceAndItIsRecorded(signal number: Int32, status: Int32, name: String) throws {
        let slow = try FixtureServer("slow_http.py")
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "url: file:figures.csv", with: "url: \(slow.baseURL)/figures.csv")
        let run = try SpendwatchProcess.start(["run", "--config", demo.config, "--week", "2009-W26"], in: demo.folder, name: "run")
        let ledger = demo.path("var/spendwatch.sqlite")
        try Self.waitFor("the run to start") { (try? Ledger(path: ledger).runs().isEmpty) == false }
        usleep(300_000)   // into the fetch, which the slow source holds for a minute
        let sent = Date()
        kill(run.processIdentifier, number)
        run.waitUntilExit()
        let stderr = try String(contentsOf: demo.folder.appendingPathComponent("run.err"), encoding: .utf8)
        #expect(run.terminationReason == .exit && run.terminationStatus == status, "\(run.terminationReason) \(run.terminationStatus): \(stderr)")
        #expect(Date().timeIntervalSince(sent) < 20, "it waited for the source's minute instead of stopping")
        #expect(stderr.contains("\(name) received: stopping at the next safe point"), "\(stderr)")
        #expect(stderr.contains("stopped by \(name) at a safe point"), "\(stderr)")
        let recorded = try #require(try Ledger(path: ledger).runs().last)
        #expect(recorded.outcome == "interrupted")
        #expect(recorded.exitCode == Int(status))
    }

    /// Stopped while it waits to retry a webhook that answers 503, the delivery stays pending (not failed, not
    /// sent twice) and the next `deliver --pending` sends it once, under the same key.
    @Test func aSignalDuringARetryLeavesTheDeliveryPendingForTheNextRun() throws {
        let sink = try HTTPSink(script: #"[{"status": 503}, {"status": 503}, {"status": 503}, {"status": 503}, {"status": 503}]"#)
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "  - { name: tft-folder, kind: file, path: out/outbox, min_severity: info }",
                      with: "  - { name: erp-hook, kind: webhook, url: \"\(sink.url("/hook"))\", secret_env: HOOK_SECRET }")
        var environment = SpendwatchProcess.environment
        environment["HOOK_SECRET"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let run = try SpendwatchProcess.start(["run", "--config", demo.config, "--week", "2009-W26"], in: demo.folder, name: "run",
                                              environment: environment)
        try Self.waitFor("the first attempt") { !sink.requests.isEmpty }
        kill(run.processIdentifier, SIGTERM)
        run.waitUntilExit()
        #expect(run.terminationStatus == 143)
        let ledger = try Ledger(path: demo.path("var/spendwatch.sqlite"))
        let deliveries = try ledger.deliveries()
        #expect(deliveries.map(\.status) == [.pending])
        let attempts = sink.requests.count
        #expect(attempts < 5, "it went on retrying after the signal")

        // The hook is fixed: the sink answers 200 from now on (`POST /_script` is not recorded).
        _ = try runProgram("/usr/bin/env", ["python3", "-c", "import urllib.request,sys; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b'[]'))",
                                            sink.url("/_script")])
        let deliver = try SpendwatchProcess.run(["deliver", "--pending", "--config", demo.config], in: demo.folder, name: "deliver",
                                                environment: environment)
        #expect(deliver.status == 0, "\(deliver.stderr)")
        let keys = sink.requests.filter { $0.path == "/hook" }.compactMap { $0.headers["webhook-id"] }
        #expect(Set(keys).count == 1, "one delivery, one key, however many attempts")
        #expect(try ledger.deliveries().map(\.status) == [.sent])
    }
}

import Foundation
import Ledger
import TestSupport
import Testing

/// What an operator running Prometheus and healthchecks sees of unattended runs: pings, the metrics file,
/// failure notices, the summary line, catch-up after a killed run — all with the real binary.
@Suite struct RunMonitorTests {
    /// A demo copy whose config also has a heartbeat, a metrics file and the given channels.
    struct Workspace {
        let demo: DemoCopy
        let ping: HTTPSink
        var metrics: String { demo.path("metrics/spendwatch.prom") }

        init(channels: String = "", onFailure: String = "") throws {
            demo = try DemoCopy()
            ping = try HTTPSink()
            try demo.edit("spendwatch.yml", replacing: "channels:\n", with: """
                monitor: { ping_url_env: PING_URL }
                metrics: { textfile: metrics/spendwatch.prom }
                \(onFailure)
                channels:

                """ + (channels.isEmpty ? "" : channels + "\n"))
        }

        func run(_ arguments: [String], name: String, at time: String? = nil,
                 environment extra: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
            var environment = SpendwatchProcess.environment
            environment["PING_URL"] = ping.url("/ping/3f1c")
            environment["HOOK_SECRET"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
            environment.merge(extra) { $1 }
            let command = arguments + ["--config", demo.config]
            guard let time else {
                let r = try SpendwatchProcess.run(command, in: demo.folder, name: name, environment: environment)
                return (r.status, r.stdout, r.stderr)
            }
            environment["TZ"] = "UTC"
            return try runProgram(FakeClock.wrapper, [time, SpendwatchProcess.binary] + command, environment: environment,
                                  currentDirectory: demo.folder.path)
        }
    }

    static func webhook(_ name: String, _ url: String) -> String {
        "  - { name: \(name), kind: webhook, url: \"\(url)\", secret_env: HOOK_SECRET }"
    }

    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case done, badData, refused
        var testDescription: String { rawValue }
        var status: Int32 { switch self { case .done: 0; case .badData: 65; case .refused: 76 } }
    }

    @Test(arguments: Ending.allCases)
    func theHeartbeatIsPingedAtTheStartAndWithTheOutcome(_ ending: Ending) throws {
        let hook = try HTTPSink(script: #"[{"status": 410, "body": "hook deleted"}]"#)
        let workspace = try Workspace(channels: ending == .refused ? Self.webhook("erp-hook", hook.url("/hook")) : "")
        if ending == .badData { try workspace.demo.edit("figures.csv", replacing: "\"25,220,000\"", with: "\"25,220,000.5\"") }
        let run = try workspace.run(["run", "--week", "2009-W26"], name: "run")
        #expect(run.status == ending.status, "\(run.stderr)")
        let pings = workspace.ping.requests.map { "\($0.method ?? "") \($0.path)" }
        let end = ending == .done ? "GET /ping/3f1c" : "GET /ping/3f1c/\(ending.status)"
        #expect(pings == ["GET /ping/3f1c/start", end])
    }

    @Test func aFailedPingIsLoggedAndChangesNothing() throws {
        let workspace = try Workspace()
        workspace.ping.server.stop()
        let run = try workspace.run(["run", "--week", "2009-W26"], name: "run")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("heartbeat ping failed"))
        #expect(!run.stderr.contains("3f1c"), "the ping URL is the check's key: never logged")
    }

    /// Every metric DESIGN.md names, with HELP and TYPE, parsed by the Prometheus client's own parser.
    static let named = ["spendwatch_last_run_timestamp_seconds", "spendwatch_last_success_timestamp_seconds",
                        "spendwatch_last_exit_code", "spendwatch_run_duration_seconds", "spendwatch_findings",
                        "spendwatch_deliveries_pending", "spendwatch_executed_won", "spendwatch_target_won"]

    @Test func theMetricsFileHoldsTheNamedMetricsAfterASuccessAndAfterAFailure() throws {
        let workspace = try Workspace()
        let done = try workspace.run(["run", "--week", "2009-W26"], name: "done", at: "2009-06-29 00:00:00")
        #expect(done.status == 0, "\(done.stderr)")
        let afterSuccess = try Prometheus.parse(workspace.metrics)
        for name in Self.named { #expect(afterSuccess[name]?.isEmpty == false, "\(name) missing after a success") }
        #expect(afterSuccess["spendwatch_last_exit_code"]?[""] == 0)
        // 2009-06-29 00:00 UTC (09:00 in Seoul) and the few seconds the run took.
        let success = try #require(afterSuccess["spendwatch_last_success_timestamp_seconds"]?[""])
        #expect((1_246_233_600...1_246_233_660).contains(success))
        #expect(afterSuccess["spendwatch_last_run_timestamp_seconds"]?[""] == success)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.demo.path("out/2009-W26/report.json")))) as? [String: Any]
        let total = try #require(report?["total"] as? [String: Any])
        #expect(afterSuccess["spendwatch_executed_won"]?["program=total"] == (total["executed"] as? NSNumber)?.doubleValue)
        let findings = try #require(report?["findings"] as? [[String: Any]])
        let critical = findings.filter { $0["severity"] as? String == "critical" }.count
        #expect(afterSuccess["spendwatch_findings"]?["severity=critical"] == Double(critical))

        try workspace.demo.edit("figures.csv", replacing: "\"25,220,000\"", with: "\"25,220,000.5\"")
        let failed = try workspace.run(["run", "--week", "2009-W26"], name: "failed", at: "2009-06-29 01:00:00")
        #expect(failed.status == 65)
        let afterFailure = try Prometheus.parse(workspace.metrics)
        for name in Self.named { #expect(afterFailure[name]?.isEmpty == false, "\(name) missing after a failure") }
        #expect(afterFailure["spendwatch_last_exit_code"]?[""] == 65)
        #expect((1_246_237_200...1_246_237_260).contains(afterFailure["spendwatch_last_run_timestamp_seconds"]?[""] ?? 0))
        #expect(afterFailure["spendwatch_last_success_timestamp_seconds"]?[""] == success, "the last success stays the earlier run")
        #expect(afterFailure["spendwatch_executed_won"]?["program=total"] == afterSuccess["spendwatch_executed_won"]?["program=total"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.demo.path("metrics"))
        #expect(leftovers == ["spendwatch.prom"], "written by rename: no temporary file stays")
    }

    @Test func aFailedRunTellsTheOnFailureChannelAndOnlyThat() throws {
        let ops = try HTTPSink()
        let workspace = try Workspace(channels: Self.webhook("ops-hook", ops.url("/ops")),
                                      onFailure: "on_failure: [ops-hook]")
        let done = try workspace.run(["run", "--week", "2009-W25"], name: "done")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(ops.requests.isEmpty, "the ops channel gets failure notices, not the weekly report")

        try workspace.demo.edit("figures.csv", replacing: "\"25,220,000\"", with: "\"25,220,000.5\"")
        let failed = try workspace.run(["run", "--week", "2009-W26"], name: "failed")
        #expect(failed.status == 65)
        let notice = try #require(ops.requests.first)
        #expect(ops.requests.count == 1)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(notice.body.utf8)) as? [String: Any])
        #expect(body["schema"] as? String == "spendwatch.failure/1")
        #expect(body["week"] as? String == "2009-W26")
        #expect(body["exit_code"] as? Int == 65)
        #expect((body["message"] as? String)?.contains("figures.csv:2") == true, "\(body)")
        #expect(notice.headers["webhook-signature"]?.hasPrefix("v1,") == true, "signed like every webhook delivery")
    }

    @Test func theLastLineIsOneSummaryWithNumbersAndEveryRunLineHasTheRunID() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["run", "--week", "2009-W26", "--log-format", "json"], name: "run")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try run.stderr.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not JSON: \($0)")
        }
        let summary = try #require(lines.last)
        #expect(summary["summary"] as? Bool == true)
        #expect(summary["exit_code"] as? Int == 0)
        #expect(summary["outcome"] as? String == "done")
        #expect(summary["weeks"] as? [String] == ["2009-W26"])
        #expect((summary["findings"] as? Int ?? 0) > 0)
        #expect(summary["duration_seconds"] is Double || summary["duration_seconds"] is Int)
        let runID = try #require(summary["run_id"] as? Int)
        let afterStart = lines.drop { ($0["msg"] as? String)?.hasPrefix("reporting") != true }.dropFirst()
        #expect(!afterStart.isEmpty)
        for line in afterStart { #expect(line["run_id"] as? Int == runID, "\(line)") }
    }

    /// Killed while it fetched the figures (no delivery row yet), the Monday run of W26 is not lost: the next
    /// Monday's scheduled run records it as interrupted and reports W26, then W27, oldest first.
    @Test func aRunKilledMidIntakeIsDeliveredByTheNextScheduledRun() throws {
        let slow = try FixtureServer("slow_http.py")
        let workspace = try Workspace()
        let yaml = try String(contentsOfFile: workspace.demo.config, encoding: .utf8)
        let slowYAML = yaml.replacingOccurrences(of: "url: file:figures.csv", with: "url: \(slow.baseURL)/figures.csv")
        // The Monday before was reported from the file.
        let w25 = try workspace.run(["run", "--week", "2009-W25"], name: "w25")
        #expect(w25.status == 0, "\(w25.stderr)")

        try slowYAML.write(toFile: workspace.demo.config, atomically: true, encoding: .utf8)
        var environment = SpendwatchProcess.environment
        environment["PING_URL"] = workspace.ping.url("/ping/3f1c")
        environment["TZ"] = "UTC"
        let monday = Process()
        monday.executableURL = URL(fileURLWithPath: FakeClock.wrapper)
        monday.arguments = ["2009-06-29 00:00:00", SpendwatchProcess.binary, "run", "--trigger", "scheduled", "--config", workspace.demo.config]
        monday.environment = environment
        monday.standardError = FileHandle.nullDevice
        monday.standardOutput = FileHandle.nullDevice
        try monday.run()
        let ledger = workspace.demo.path("var/spendwatch.sqlite")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? Ledger(path: ledger).runs(week: .init("2009-W26")!).isEmpty) != false { usleep(100_000) }
        let run = try #require(FakeClock.child(of: monday), "faketime started no spendwatch")
        kill(run, SIGKILL)
        monday.waitUntilExit()
        #expect(try Ledger(path: ledger).deliveries(week: "2009-W26").isEmpty, "killed before its delivery row was written")

        try yaml.write(toFile: workspace.demo.config, atomically: true, encoding: .utf8)
        let next = try workspace.run(["run", "--trigger", "scheduled"], name: "next", at: "2009-07-06 00:00:00")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent }
                == ["2009-W26", "2009-W27"])
        let runs = try Ledger(path: ledger).runs(week: .init("2009-W26")!)
        #expect(runs.map(\.outcome) == ["interrupted", "done"])
        let delivered = try Ledger(path: ledger).deliveries(week: "2009-W26")
        #expect(delivered.map(\.status) == [.sent])
        let outbox = try FileManager.default.contentsOfDirectory(atPath: workspace.demo.path("out/outbox"))
        #expect(outbox.contains { $0.contains("2009-W26") })
        #expect(next.stderr.contains("interrupted"))
    }

    @Test func versionNamesTheReleaseAndTheCommitBuilt() throws {
        let folder = try TemporaryDirectory("version")
        let run = try SpendwatchProcess.run(["--version"], in: folder.url, name: "version")
        #expect(run.status == 0)
        let line = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.wholeMatch(of: #/spendwatch \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)/#) != nil, "\(line)")
        // scripts/test.sh records the checkout's commit before it builds.
        let header = Paths.root.appendingPathComponent("Sources/CBuildInfo/commit.h").path
        if let recorded = try? String(contentsOfFile: header, encoding: .utf8),
           let commit = recorded.firstMatch(of: #/"([^"]+)"/#)?.1 {
            #expect(line.contains("commit \(commit))"))
        }
    }
}

/// The real clock moved, as cron would start the run that day: Debian's `faketime`, `time` in UTC
/// (`2009-06-29 00:00:00` is 09:00 in Seoul); the clock runs on from there.
enum FakeClock {
    static let wrapper = "/usr/bin/faketime"

    /// The wrapper runs the program as its child: a signal meant for the run goes to the child.
    static func child(of wrapper: Process) -> pid_t? {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let path = "/proc/\(wrapper.processIdentifier)/task/\(wrapper.processIdentifier)/children"
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let pid = text.split(separator: " ").first.flatMap({ pid_t($0) }) {
                return pid
            }
            usleep(20_000)
        }
        return nil
    }
}

/// The Prometheus client's own text parser (PyPI `prometheus-client`), reading the file as node_exporter would.
enum Prometheus {
    /// Metric family name → labels (`key=value`, sorted, comma-joined; "" for none) → value.
    static func parse(_ path: String) throws -> [String: [String: Double]] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            text = open(sys.argv[1], encoding="utf-8").read()
            for family in text_string_to_metric_families(text):
                assert family.documentation, family.name + " has no HELP"
                assert family.type == "gauge", family.name + " is not a gauge"
                for s in family.samples:
                    key = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
                    out.setdefault(family.name, {})[key] = s.value
            print(json.dumps(out))
            """
        let result = try runProgram("/usr/bin/env", ["python3", "-c", script, path])
        try #require(result.status == 0, "the Prometheus parser refused \(path): \(result.stderr)")
        return try JSONDecoder().decode([String: [String: Double]].self, from: Data(result.stdout.utf8))
    }
}

import Foundation
import GRDB
import Ledger
import TestSupport
import Testing

/// The real `spendwatch` binary (built by `swift build` before the tests) against real sinks on 127.0.0.1.
@Suite(.timeLimit(.minutes(3)))
struct RunDeliveryTests {
    static let binary = Paths.spendwatchBinary

    struct Setup {
        let folder: URL
        /// Removes the folder when the last copy of this setup goes.
        private let owner: TemporaryDirectory
        var config: String { folder.appendingPathComponent("spendwatch.yml").path }
        var ledger: String { folder.appendingPathComponent("var/spendwatch.sqlite").path }

        init(channels: String) throws {
            owner = try TemporaryDirectory("run")
            folder = owner.url
            let example = Paths.example
            let yaml = """
                plan: \(example)/plan.yml
                timezone: Asia/Seoul
                source:
                  url: file:\(example)/figures.csv
                  format: csv
                  columns: { week: 주차, program: 사업코드, project: 세부사업코드, executed: 누적집행액, reported: 보고주차 }
                ledger: sqlite:var/spendwatch.sqlite
                output: out
                thresholds: { warn_gap_pp: 5, critical_gap_pp: 10, stall_weeks: 2 }
                channels:
                \(channels)
                """
            try yaml.write(toFile: folder.appendingPathComponent("spendwatch.yml").path, atomically: true, encoding: .utf8)
        }

        func deliveries() throws -> [DeliveryRecord] {
            guard FileManager.default.fileExists(atPath: ledger) else { return [] }
            return try Ledger(path: ledger).deliveries()
        }
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["SPENDWATCH_TEMPLATES_DIR"] = Paths.root.appendingPathComponent("Templates").path
        env.removeValue(forKey: "SPENDWATCH_CONFIG")
        return env.merging(extra) { $1 }
    }

    static func spendwatch(_ arguments: [String], env: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build")
        return try runProgram(binary, arguments, environment: environment(env))
    }

    static let hookEnv = ["HOOK_SECRET": Sample.secret]

    /// Killed while one hook stalls, the run has delivered the other channels (they do not wait for it); the
    /// next run sends only what is still pending, under the same key.
    @Test func aKilledRunIsCompletedByTheNextWithTheSameKeys() throws {
        let sink = try HTTPSink(script: #"[{"stall": 40}]"#)
        let slackSink = try HTTPSink()
        let setup = try Setup(channels: """
              - { name: erp-hook, kind: webhook, url: "\(sink.url("/hook"))", secret_env: HOOK_SECRET }
              - { name: tft-slack, kind: slack, url: "\(slackSink.url("/slack"))" }
              - { name: tft-folder, kind: file, path: out/outbox }
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["run", "--config", setup.config, "--week", "2009-W26"]
        process.environment = Self.environment(Self.hookEnv)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The channels go side by side: while the hook stalls, Slack and the folder are delivered.
        let deadline = Date().addingTimeInterval(30)
        func statuses() -> [String: DeliveryStatus] {
            Dictionary(uniqueKeysWithValues: ((try? setup.deliveries()) ?? []).map { ($0.channel, $0.status) })
        }
        while !(statuses()["tft-slack"] == .sent && statuses()["tft-folder"] == .sent) && Date() < deadline { usleep(50_000) }
        #expect(sink.requests.filter { $0.path == "/hook" }.count == 1, "the hook holds its first request")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(statuses() == ["erp-hook": .pending, "tft-slack": .sent, "tft-folder": .sent])

        let rerun = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26"], env: Self.hookEnv)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let rows = try setup.deliveries()
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.status == .sent })
        for (path, channel) in [("/hook", "erp-hook"), ("/slack", "tft-slack")] {
            let arrivals = (path == "/hook" ? sink : slackSink).requests.filter { $0.path == path }
            let keys = Set(arrivals.compactMap { $0.headers["webhook-id"] ?? $0.headers["idempotency-key"] })
            #expect(!arrivals.isEmpty)
            #expect(keys == [rows.first { $0.channel == channel }!.id])
            if channel == "tft-slack" { #expect(arrivals.count == 1, "what was delivered before the kill is not sent again") }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: setup.folder.appendingPathComponent("out/outbox").path)
        #expect(files == ["\(rows.first { $0.channel == "tft-folder" }!.id).json"])
    }

    @Test func pendingDeliveriesExit75AndDeliverPendingSendsThemWithTheSameKey() throws {
        let sink = try HTTPSink(script: #"[{"status": 503, "retry_after": "3600"}]"#)
        let setup = try Setup(channels: "  - { name: erp-hook, kind: webhook, url: \"\(sink.url())\", secret_env: HOOK_SECRET }")
        let run = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26"], env: Self.hookEnv)
        #expect(run.status == 75, "\(run.stderr)")
        #expect(run.stderr.contains("deliver --pending"))
        // Within the hour the server asked for, deliver --pending leaves it alone and still exits 75.
        let early = try Self.spendwatch(["deliver", "--pending", "--config", setup.config], env: Self.hookEnv)
        #expect(early.status == 75, "\(early.stderr)")
        #expect(early.stderr.contains("asked not to be called before"))
        #expect(sink.requests.count == 1)
        // The hour passes.
        let database = try DatabaseQueue(path: setup.ledger)
        try database.write { try $0.execute(sql: "UPDATE delivery SET next_attempt_at = '2009-06-29T00:00:00.000Z'") }
        let later = try Self.spendwatch(["deliver", "--pending", "--config", setup.config], env: Self.hookEnv)
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("sent 1, failed 0, pending 0"))
        let ids = sink.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 1)
        #expect(try setup.deliveries().map(\.status) == [.sent])
    }

    @Test func rerunsSendNothingNewForcedRerunsSendANewKeyAndDryRunsTouchNothing() throws {
        let sink = try HTTPSink()
        let setup = try Setup(channels: "  - { name: erp-hook, kind: webhook, url: \"\(sink.url())\", secret_env: HOOK_SECRET }")
        let args = ["run", "--config", setup.config, "--week", "2009-W26"]

        let dry = try Self.spendwatch(args + ["--dry-run"], env: Self.hookEnv)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(sink.requests.isEmpty)
        #expect(try setup.deliveries().isEmpty)

        #expect(try Self.spendwatch(args, env: Self.hookEnv).status == 0)
        #expect(try Self.spendwatch(args, env: Self.hookEnv).status == 0)
        #expect(sink.requests.count == 1)
        let before = try setup.deliveries()

        #expect(try Self.spendwatch(args + ["--dry-run", "--force"], env: Self.hookEnv).status == 0)
        #expect(sink.requests.count == 1)
        #expect(try setup.deliveries() == before)

        #expect(try Self.spendwatch(args + ["--force"], env: Self.hookEnv).status == 0)
        let ids = sink.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
    }

    @Test func secretsNeverReachLogsReportsOrErrors() throws {
        let token = "xoxb-TOPSECRET-4711"
        let password = "Pa55-SMTP-secret"
        let sink = try HTTPSink(script: #"[{"status": 403, "body": "invalid_token xoxb-TOPSECRET-4711"}]"#)
        let smtpFolder = try TemporaryDirectory("smtp")
        let smtp = try FixtureServer("smtp_sink.py", arguments: [smtpFolder.path, "tft", "another-password"])
        let setup = try Setup(channels: """
              - { name: tft-slack, kind: slack, url_env: SLACK_URL }
              - { name: erp-hook, kind: webhook, url: "\(sink.url("/hook"))?token=\(token)", secret_env: HOOK_SECRET }
              - { name: weekly-mail, kind: email, smtp_url: "smtp://127.0.0.1:\(smtp.port)", starttls: "off",
                  username_env: SMTP_USER, password_env: SMTP_PASSWORD, from: "tft@example.org", to: ["finance@example.org"] }
            """)
        let env = Self.hookEnv.merging(["SLACK_URL": sink.url("/services/T000/B000/\(token)"), "SMTP_USER": "tft",
                                        "SMTP_PASSWORD": password]) { $1 }
        let run = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26", "--verbose"], env: env)
        #expect(run.stderr.contains("refused"))
        var seen = run.stdout + run.stderr
        let out = setup.folder.appendingPathComponent("out")
        for case let file as String in FileManager.default.enumerator(atPath: out.path)?.allObjects ?? [] {
            seen += (try? String(contentsOfFile: out.appendingPathComponent(file).path, encoding: .utf8)) ?? ""
        }
        seen += try setup.deliveries().compactMap(\.lastError).joined(separator: "\n")
        for secret in [token, password, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] {
            #expect(!seen.contains(secret), "\(secret) leaked")
        }
        // The requests did reach the sink with the token: redaction is in what we show, not what we send.
        #expect(sink.requests.contains { $0.path.contains(token) })
    }

    /// 76, not 75: waiting does not fix a deleted hook, and a scheduler must never show it green.
    @Test func aRefusedDeliveryMakesTheRunExit76SoCronSeesIt() throws {
        let sink = try HTTPSink(script: #"[{"status": 410, "body": "hook deleted"}]"#)
        let setup = try Setup(channels: "  - { name: erp-hook, kind: webhook, url: \"\(sink.url())\", secret_env: HOOK_SECRET }")
        let run = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26"], env: Self.hookEnv)
        #expect(run.status == 76, "\(run.stderr)")
        #expect(run.stderr.contains("hook deleted"))
        #expect(run.stderr.contains("refused for good"))
        #expect(try setup.deliveries().map(\.status) == [.failed])
    }

    @Test func backfillWithDeliverExits75WhileAWeekIsStillPending() throws {
        let sink = try HTTPSink(script: #"[{"status": 503, "retry_after": "3600"}]"#)
        let setup = try Setup(channels: "  - { name: erp-hook, kind: webhook, url: \"\(sink.url())\", secret_env: HOOK_SECRET }")
        let run = try Self.spendwatch(["backfill", "--from", "2009-W25", "--to", "2009-W26", "--deliver", "--config", setup.config],
                                      env: Self.hookEnv)
        #expect(run.status == 75, "\(run.stderr)")
        let byWeek = Dictionary(uniqueKeysWithValues: try setup.deliveries().map { ($0.week, $0.status) })
        #expect(byWeek == ["2009-W25": .pending, "2009-W26": .sent])
    }

    @Test func theDemoFileChannelWritesThePayload() throws {
        let setup = try Setup(channels: "  - { name: tft-folder, kind: file, path: out/outbox, min_severity: info }")
        let run = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try setup.deliveries()
        let row = try #require(rows.first)
        let file = setup.folder.appendingPathComponent("out/outbox/\(row.id).json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(json["week"] as? String == "2009-W26")
        #expect(json["markdown"] is String)
    }

    @Test func aBadChannelConfigExits78NamingTheVariable() throws {
        let setup = try Setup(channels: "  - { name: tft-slack, kind: slack, url_env: SLACK_WEBHOOK_URL_UNSET }")
        let run = try Self.spendwatch(["run", "--config", setup.config, "--week", "2009-W26"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("environment variable SLACK_WEBHOOK_URL_UNSET is not set"))
    }
}

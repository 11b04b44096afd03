import Testing
import TestSupport
import Intake
@testable import Config

struct ConfigLoaderTests {
    @Test func demoConfigResolvesPathsAgainstItsFolder() throws {
        let config = try ConfigLoader.load(path: Paths.example + "/spendwatch.yml", environment: [:])
        #expect(config.planPath == Paths.example + "/plan.yml")
        #expect(config.source.location == .file(path: Paths.example + "/figures.csv"))
        #expect(config.source.column("executed") == "누적집행액")
        #expect(config.timeZone.identifier == "Asia/Seoul")
        #expect(config.thresholds.warnGap == 500)
        #expect(config.outputDirectory == Paths.example + "/out")
    }

    @Test func aMissingEnvironmentVariableIsNamedWithItsLine() throws {
        let path = Paths.fixture("config/spendwatch-env.yml")
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.load(path: path, environment: ["ERP_TOKEN": "s3cr3t-token"])
        }
        let text = error.description
        #expect(text.contains("spendwatch-env.yml:6: channels[0].url: environment variable SLACK_WEBHOOK_URL is not set"))
        #expect(text.contains("spendwatch-env.yml:7: channels[1].kind: missing required field"), "\(text)")
    }

    @Test func expandedSecretsAreRememberedForRedaction() throws {
        let path = Paths.fixture("config/spendwatch-env.yml")
        let env = ["ERP_TOKEN": "s3cr3t-token", "SLACK_WEBHOOK_URL": "https://hooks.slack.test/T000/B000/xyzzy"]
        // The channel without a kind still fails; check the error does not carry the secrets it expanded.
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: env) }
        #expect(!error.description.contains("s3cr3t-token"))
        #expect(!error.description.contains("xyzzy"))
    }

    @Test("a setting the loader does not know is an error naming its line", arguments: [
        ("outptu: out\n", "spendwatch.yml:3: outptu: unknown setting 'outptu'"),
        ("", "source.encodng: unknown field 'encodng'"),
        ("", "source.format: kind: transactions reads CSV only"),
        ("thresholds: { warn_gap_pp: 5, critcal_gap_pp: 10 }\n", "spendwatch.yml:3: thresholds.critcal_gap_pp: unknown threshold 'critcal_gap_pp'"),
        ("ledger: mysql://tft@db/spendwatch\n", "spendwatch.yml:3: ledger: 'mysql://tft@db/spendwatch' is not a ledger"),
        ("templates: Templtes\n", "spendwatch.yml:3: templates: template folder"),
        ("monitor: { ping_url: \"https://hc-ping.com/k\" }\n", "spendwatch.yml:3: monitor.ping_url: the ping URL is the check's secret key"),
        ("monitor: { ping_url_env: PING }\n", "spendwatch.yml:3: monitor.ping_url_env: environment variable PING is not set (nor PING_FILE"),
        ("metrics: { textfile: metrics/spendwatch.txt }\n", "metrics.textfile: '"),
        ("metrics: { texfile: x.prom }\n", "spendwatch.yml:3: metrics.texfile: unknown field 'texfile'"),
        ("on_failure: [ops-slack]\n", "spendwatch.yml:3: on_failure: no channel named 'ops-slack'"),
        ("catch_up_weeks: 0\n", "spendwatch.yml:3: catch_up_weeks: must be between 1 and 52"),
    ])
    func unknownSettingsAreNotIgnored(extra: String, expected: String) throws {
        let folder = try TemporaryDirectory("config")
        let source = expected.contains("encodng") ? "{ url: file:figures.csv, encodng: cp949 }"
            : expected.contains("transactions") ? "{ url: file:tx.json, format: json, kind: transactions }" : "{ url: file:figures.csv }"
        let file = folder.appendingPathComponent("spendwatch.yml")
        try ("plan: plan.yml\nsource: \(source)\n" + extra).write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: file.path, environment: [:]) }
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test("the XLSX settings are typed, and refused where they cannot apply", arguments: [
        ("{ url: file:x.xlsx, format: xlsx, sheet: 집행현황, unit: thousand, preset: lofin365 }", ""),
        ("{ url: file:x.xlsx, format: xlsx, sheet: 2, unit: auto, preset: openfiscal }", ""),
        ("{ url: file:x.xlsx, format: xlsx, sheet: 0 }", "source.sheet: a sheet's position counts from 1"),
        ("{ url: file:x.csv, sheet: Sheet1 }", "source.sheet: source.sheet applies to format: xlsx only"),
        ("{ url: file:x.csv, unit: thousand }", "source.unit: source.unit applies to format: xlsx only"),
        ("{ url: file:x.xlsx, format: xlsx, unit: 천원 }", "source.unit: '천원' is not one of: won, thousand, million, eok, auto"),
        ("{ url: file:x.xlsx, format: xlsx, preset: ehojo }", "source.preset: 'ehojo' is not one of: lofin365, openfiscal"),
        ("{ url: file:x.xlsx, format: xlsx, kind: transactions }", "source.format: kind: transactions reads CSV only"),
    ])
    func xlsxSettings(source: String, expected: String) throws {
        let folder = try TemporaryDirectory("config")
        let file = folder.appendingPathComponent("spendwatch.yml")
        try ("plan: plan.yml\nsource: \(source)\n").write(to: file, atomically: true, encoding: .utf8)
        if expected.isEmpty {
            // Only the plan is missing: the source itself loaded.
            do {
                let config = try ConfigLoader.load(path: file.path, environment: [:])
                #expect(config.source.format == .xlsx)
            } catch {
                #expect(!"\(error)".contains("source"), "\(error)")
            }
        } else {
            let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path: file.path, environment: [:]) }
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test("week placeholder", arguments: [("2009-W12", "https://erp.example.org/exec.csv?week=2009-W12")])
    func weekInURL(week: String, url: String) throws {
        let source = SourceConfig(location: .http(url: "https://erp.example.org/exec.csv?week={week}"))
        #expect(source.location(for: try #require(.init(week))).description == url)
    }

    /// Kubernetes and Docker mount secrets as files: `${NAME}` falls back to the file `NAME_FILE` names, and
    /// `ping_url_file` reads one; the values are secrets all the same, and a trailing newline is not part of them.
    @Test func secretsMayComeFromFiles() throws {
        let folder = try TemporaryDirectory("config")
        try "erp-token-from-a-file\n".write(to: folder.appendingPathComponent("erp-token"), atomically: true, encoding: .utf8)
        try "https://hc-ping.example.org/5f2a\n".write(to: folder.appendingPathComponent("ping-url"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("spendwatch.yml")
        try """
            plan: plan.yml
            source: { url: "https://erp.example.org/exec.csv", headers: { Authorization: "Bearer ${ERP_TOKEN}" } }
            monitor: { ping_url_file: ping-url }
            """.write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: file.path, environment: ["ERP_TOKEN_FILE": folder.appendingPathComponent("erp-token").path])
        #expect(config.source.headers.first?.1 == "Bearer erp-token-from-a-file")
        #expect(config.monitor.pingURL == "https://hc-ping.example.org/5f2a")
        #expect(config.secrets.contains("erp-token-from-a-file"))
        #expect(config.secrets.contains("https://hc-ping.example.org/5f2a"))

        let missing = try #require(throws: ConfigError.self) {
            try ConfigLoader.load(path: file.path, environment: ["ERP_TOKEN_FILE": "/run/secrets/none"])
        }
        #expect(missing.description.contains("spendwatch.yml:2: source.headers.Authorization: secret file /run/secrets/none cannot be read")
                || missing.description.contains("secret file /run/secrets/none cannot be read"), "\(missing)")
    }

    @Test func theMonitorSettingsAreRead() throws {
        let folder = try TemporaryDirectory("config")
        let file = folder.appendingPathComponent("spendwatch.yml")
        try """
            plan: plan.yml
            source: { url: file:figures.csv }
            monitor: { ping_url_env: PING_URL }
            metrics: { textfile: /var/lib/node_exporter/textfile/spendwatch.prom }
            catch_up_weeks: 6
            on_failure: [ops]
            channels:
              - { name: ops, kind: file, path: notices }
            """.write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: file.path, environment: ["PING_URL": "https://hc-ping.example.org/5f2a/"])
        #expect(config.monitor == MonitorConfig(pingURL: "https://hc-ping.example.org/5f2a",
                                                metricsTextfile: "/var/lib/node_exporter/textfile/spendwatch.prom",
                                                onFailure: ["ops"], catchUpWeeks: 6))
        let plain = try ConfigLoader.load(path: Paths.example + "/spendwatch.yml", environment: [:])
        #expect(plain.monitor == MonitorConfig(), "nothing watches unless asked; catch-up is 4 weeks")
    }
}

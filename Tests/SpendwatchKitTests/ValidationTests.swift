import Foundation
import Ledger
import SpendwatchKit
import Testing
import TestSupport

struct ValidationTests {
    @Test func theDemoIsValidAndCheckingItWritesNothing() throws {
        let workspace = try HistoryWorkspace()
        let before = workspace.tree()
        let result = Validation(context: HistoryWorkspace.context()).check(configPath: workspace.config)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.status == .done)
        #expect(result.lines.contains { $0.hasPrefix("ok    source") })
        #expect(workspace.tree() == before, "validate must not create the ledger or the output folder")
    }

    @Test(.timeLimit(.minutes(3)))
    func aPostgreSQLLedgerIsReachableOrExits69AndValidatingCreatesNoTable() throws {
        let url = try PostgresServer.shared().createDatabase("validate")
        let node = try HistoryWorkspace(ledger: url)
        let reachable = Validation(context: HistoryWorkspace.context()).check(configPath: node.config)
        #expect(reachable.status == .done, "\(reachable.problems)")
        #expect(reachable.lines.contains { $0.hasPrefix("ok    ledger") && $0.contains("PostgreSQL, reachable") })
        #expect(try Ledger.isPostgres(url) && PostgresConnection(url: url).execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").rows.isEmpty)

        let port = try PostgresServer.freePort()
        let unreachable = try HistoryWorkspace(ledger: "postgres://spendwatch:hunter22@127.0.0.1:\(port)/spendwatch")
        let gone = Validation(context: HistoryWorkspace.context()).check(configPath: unreachable.config)
        #expect(gone.status == .sourceUnreachable)
        #expect(gone.problems.contains { $0.area == "ledger" && $0.message.contains("127.0.0.1:\(port)") && !$0.message.contains("hunter22") }, "\(gone.problems)")
    }

    enum Breakage: String, CaseIterable {
        case missingFigures, unsetChannelSecret, channelWithoutURL, unreachableSource, badPlan, misspeltTemplates
    }

    @Test(.timeLimit(.minutes(3)), arguments: Breakage.allCases)
    func everyProblemIsListedWithTheRightExitCodeAndNothingChanges(_ breakage: Breakage) throws {
        var source = "file:figures.csv"
        var channels = ""
        var expected = ExitStatus.done
        switch breakage {
        case .missingFigures: expected = .inputMissing
        case .unsetChannelSecret:
            channels = "channels:\n  - { name: tft-slack, kind: slack, url_env: SPENDWATCH_TEST_UNSET_HOOK }"
            expected = .badConfig
        case .channelWithoutURL:
            channels = "channels:\n  - { name: erp-hook, kind: webhook }"
            expected = .badConfig
        case .unreachableSource:
            source = "http://127.0.0.1:1/figures.csv"
            expected = .sourceUnreachable
        case .badPlan: expected = .badConfig
        case .misspeltTemplates:
            // It passed validate and the run quietly used the built-in templates.
            channels = "templates: Templtes"
            expected = .badConfig
        }
        let workspace = try HistoryWorkspace(source: source, channels: channels)
        if breakage == .missingFigures { try FileManager.default.removeItem(at: workspace.folder.appendingPathComponent("figures.csv")) }
        if breakage == .badPlan { try workspace.write("plan.yml", "fiscal_year: 2009\nmilestones: []\nprograms: nope\n") }
        let before = workspace.tree()
        let result = Validation(context: HistoryWorkspace.context()).check(configPath: workspace.config)
        #expect(result.status == expected, "\(result.lines)")
        #expect(!result.problems.isEmpty)
        #expect(workspace.tree() == before)
        if breakage == .misspeltTemplates {
            #expect(result.problems.contains { $0.message.contains("Templtes") }, "\(result.lines)")
        }
        if breakage == .unsetChannelSecret {
            #expect(result.problems.contains { $0.message.contains("SPENDWATCH_TEST_UNSET_HOOK") })
        }
    }

    @Test func allProblemsAreListedNotJustTheFirst() throws {
        let workspace = try HistoryWorkspace(channels: "channels:\n  - { name: erp-hook, kind: webhook, secret_env: SPENDWATCH_TEST_UNSET_SECRET }")
        try FileManager.default.removeItem(at: workspace.folder.appendingPathComponent("figures.csv"))
        let result = Validation(context: HistoryWorkspace.context()).check(configPath: workspace.config)
        #expect(result.problems.count == 3, "\(result.lines)")   // no url, unset secret, missing figures
        #expect(result.status == .badConfig)
    }

    @Test(.timeLimit(.minutes(3)))
    func theCommandExitsWithTheStatusAndPrintsEachCheck() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary))
        let workspace = try HistoryWorkspace()
        let good = try SpendwatchProcess.run(["validate", "--config", workspace.config], in: workspace.folder, name: "good")
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        try FileManager.default.removeItem(at: workspace.folder.appendingPathComponent("figures.csv"))
        let bad = try SpendwatchProcess.run(["validate", "--config", workspace.config], in: workspace.folder, name: "bad")
        #expect(bad.status == 66)
        #expect(bad.stdout.contains("FAIL  source"))
        #expect(!FileManager.default.fileExists(atPath: workspace.ledger))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent("out").path))
    }

    /// `validate` on the demo (fiscal year 2009) warns when the scheduled run is about to report, or already
    /// reports, a week outside the plan; it stays a warning, as back weeks still run on it.
    @Test(arguments: [
        ("2009-06-29T09:00:00+09:00", nil),
        ("2009-12-21T09:00:00+09:00", "fiscal year 2009 ends before 2010-W01: from the run of Monday 2010-01-11 on"),
        ("2010-01-18T09:00:00+09:00", "a scheduled run now would report 2010-W02"),
    ] as [(String, String?)])
    func aPlanThatRunsOutIsAWarning(now: String, warning: String?) throws {
        let workspace = try HistoryWorkspace()
        var context = HistoryWorkspace.context()
        let date = try #require(ISO8601DateFormatter().date(from: now))
        context.now = { date }
        let result = Validation(context: context).check(configPath: workspace.config)
        #expect(result.status == .done, "\(result.problems)")
        let warnings = result.lines.filter { $0.hasPrefix("warn") }
        if let warning {
            #expect(warnings.count == 1 && warnings[0].contains(warning), "\(warnings)")
        } else {
            #expect(warnings.isEmpty, "\(warnings)")
        }
    }
}

import Budget
import Foundation
import GRDB
import Ledger
import Reporting
import SpendwatchKit
import Testing
import TestSupport

struct WeeklyRunHistoryTests {
    @Test(.timeLimit(.minutes(3)))
    func anyNodeSharingAPostgreSQLLedgerRerunsAWeekAsTheFirstNodeReportedIt() throws {
        let url = try PostgresServer.shared().createDatabase("nodes")
        let nodeA = try HistoryWorkspace(ledger: url)
        let nodeB = try HistoryWorkspace(ledger: url)
        _ = try nodeA.run(10, now: Date(timeIntervalSince1970: 1_236_560_400))
        _ = try nodeA.run(20)
        let rerun = try nodeB.run(10, now: Date(timeIntervalSince1970: 1_250_000_000))
        #expect(rerun.report.week == ISOWeek(year: 2009, week: 10))
        #expect(try HistoryWorkspace.withoutGenerationTime(nodeB.reportJSON(10)) == HistoryWorkspace.withoutGenerationTime(nodeA.reportJSON(10)))
        let runs = try Ledger(url: url).runs()
        #expect(runs.map(\.week) == ["2009-W10", "2009-W10", "2009-W20"])
        #expect(runs.allSatisfy { $0.outcome == "done" })
        #expect(!FileManager.default.fileExists(atPath: nodeA.ledger) && !FileManager.default.fileExists(atPath: nodeB.ledger))
    }


    @Test func aRerunOfWeek10AfterWeek20IsTheOriginalReportButForItsGenerationTime() throws {
        let workspace = try HistoryWorkspace()
        _ = try workspace.run(10, now: Date(timeIntervalSince1970: 1_236_560_400))
        let original = try workspace.reportJSON(10)
        _ = try workspace.run(20)
        let rerun = try workspace.run(10, now: Date(timeIntervalSince1970: 1_250_000_000))
        let again = try workspace.reportJSON(10)
        #expect(again != original, "generated_at should differ, or the test proves nothing about it")
        #expect(try HistoryWorkspace.withoutGenerationTime(again) == HistoryWorkspace.withoutGenerationTime(original))
        #expect(rerun.report.week == ISOWeek(year: 2009, week: 10))
        let ledger = try Ledger(path: workspace.ledger)
        #expect(try ledger.runs(week: ISOWeek(year: 2009, week: 10)).count == 2)
    }

    @Test(.timeLimit(.minutes(3)), arguments: LedgerKind.allCases)
    func aChangedFigureOfAnAlreadyReportedWeekIsRestatedWithOldAndNewValue(_ kind: LedgerKind) throws {
        let rows = try HistoryWorkspace.demoRows { $0 <= 10 }
        let url = try kind.freshURL()
        let workspace = try HistoryWorkspace(figures: rows.joined(separator: "\n") + "\n", ledger: url)
        let week10 = try workspace.run(10)
        let original = try workspace.reportJSON(10)
        #expect(!week10.report.findings.contains { $0.kind == .restated })

        // The ERP corrects ECO-01's week-10 figure and sends week 11.
        let eco01 = try #require(rows.firstIndex { $0.hasPrefix("2009-W10,ECO,ECO-01,") })
        var corrected = rows
        // The amount is the one quoted field of the row; the KPI columns after it stay as they were.
        let quoted = try #require(rows[eco01].firstRange(of: #/"[0-9]{1,3}(?:,[0-9]{3})*"/#))
        var line = rows[eco01]
        line.replaceSubrange(quoted, with: "\"999,000,000\"")
        corrected[eco01] = line
        let old = rows[eco01][quoted].replacingOccurrences(of: "\"", with: "")
        corrected += try HistoryWorkspace.demoRows { $0 == 11 }.dropFirst()
        try workspace.write("figures.csv", corrected.joined(separator: "\n") + "\n")

        let week11 = try workspace.run(11)
        let restated = week11.report.findings.filter { $0.kind == .restated }
        #expect(restated.count == 1)
        let finding = try #require(restated.first)
        #expect(finding.project == "ECO-01")
        #expect(Vocabulary.message(finding).contains("2009-W10"))
        #expect(Vocabulary.message(finding).contains("\(old)원"), "old value \(old) in: \(Vocabulary.message(finding))")
        #expect(Vocabulary.message(finding).contains("999,000,000원"))
        // Week 11 counts its change from the corrected week-10 figure.
        let eco = try #require(week11.report.programs.first { $0.row.id == "ECO" })
        let row = try #require(eco.projects.first { $0.id == "ECO-01" })
        let week11Figure = try #require(try HistoryWorkspace.demoRows { $0 == 11 }.first { $0.hasPrefix("2009-W11,ECO,ECO-01,") })
        let executed11 = Int64(try #require(week11Figure.firstMatch(of: #/"([0-9]{1,3}(?:,[0-9]{3})*)"/#)).1.filter(\.isNumber))!
        #expect(row.weekChange == executed11 - 999_000_000)

        // A rerun of week 11 says it again; a rerun of week 10 still shows what week 10 knew.
        #expect(try workspace.run(11).report.findings.contains { $0.kind == .restated })
        _ = try workspace.run(10, now: Date(timeIntervalSince1970: 1_250_000_000))
        #expect(try HistoryWorkspace.withoutGenerationTime(workspace.reportJSON(10)) == HistoryWorkspace.withoutGenerationTime(original))

        let history = try LedgerHistory(ledger: Ledger(url: url), week: ISOWeek(year: 2009, week: 11))
        #expect(history.text(detail: true).contains("restated 2009-W10 ECO-01"))
        // The week's own stored figures, per sub-project.
        let snapshots = try #require(history.weeks.first?.snapshots)
        #expect(snapshots.count == 48)
        #expect(snapshots.first { $0.project == "ECO-01" }?.executed == executed11)
        #expect(history.text(detail: true).contains("figures: 48 sub-projects"))
        #expect(history.text(detail: true).contains("999,000,000원"))
        let week10History = try LedgerHistory(ledger: Ledger(url: url), week: ISOWeek(year: 2009, week: 10))
        #expect(week10History.text(detail: true).contains("later restated ECO-01"))
        let json = String(decoding: try week10History.json(), as: UTF8.self)
        #expect(json.contains("\"restated_later\"") && json.contains("\"new_executed\" : 999000000"))
    }

    @Test func aBudgetInTheSourceOverridesThePlanAndSaysSo() throws {
        var rows = try HistoryWorkspace.demoRows { $0 <= 10 }
        rows[0] += ",예산"
        for i in rows.indices.dropFirst() {
            rows[i] += rows[i].hasPrefix("2009-W10,ECO,ECO-02,") ? ",\"1,500,000,000\"" : ","
        }
        let workspace = try HistoryWorkspace(figures: rows.joined(separator: "\n") + "\n")
        let config = try String(contentsOfFile: workspace.config, encoding: .utf8)
        try workspace.write("spendwatch.yml", config.replacingOccurrences(of: "reported: 보고주차 }", with: "reported: 보고주차, budget: 예산 }"))
        let report = try workspace.run(10).report
        let revised = try #require(report.findings.first { $0.kind == .budgetRevised })
        #expect(revised.project == "ECO-02")
        #expect(Vocabulary.message(revised).contains("1,000,000,000원에서 1,500,000,000원으로"))
        let eco = try #require(report.programs.first { $0.row.id == "ECO" })
        #expect(eco.projects.first { $0.id == "ECO-02" }?.budget == 1_500_000_000)
        #expect(eco.row.budget == 25_500_000_000)
        let stored = try Ledger(path: workspace.ledger).history(asOf: ISOWeek(year: 2009, week: 10)!)
        #expect(stored.figure(project: "ECO-02", week: ISOWeek(year: 2009, week: 10)!)?.budget == 1_500_000_000)
    }

    @Test func aBudgetColumnThatAppearsLaterIsNoRestatementOfPastWeeks() throws {
        let workspace = try HistoryWorkspace(figures: try HistoryWorkspace.demoRows { $0 <= 10 }.joined(separator: "\n") + "\n")
        _ = try workspace.run(9)
        // The ERP starts stamping the current budget on every row: ECO-02 raised to ₩1.5bn in every week.
        var rows = try HistoryWorkspace.demoRows { $0 <= 10 }
        rows[0] += ",예산"
        for i in rows.indices.dropFirst() { rows[i] += rows[i].contains(",ECO,ECO-02,") ? ",\"1,500,000,000\"" : "," }
        try workspace.write("figures.csv", rows.joined(separator: "\n") + "\n")
        let config = try String(contentsOfFile: workspace.config, encoding: .utf8)
        try workspace.write("spendwatch.yml", config.replacingOccurrences(of: "reported: 보고주차 }", with: "reported: 보고주차, budget: 예산 }"))
        let report = try workspace.run(10).report
        #expect(!report.findings.contains { $0.kind == .restated })
        #expect(report.findings.filter { $0.kind == .budgetRevised }.map(\.project) == ["ECO-02"])
    }

    @Test func aWeekWithoutRowsInTheSourceIsStaleAndEveryProjectMissing() throws {
        let rows = try HistoryWorkspace.demoRows { $0 <= 10 }
        let workspace = try HistoryWorkspace(figures: rows.joined(separator: "\n") + "\n")
        _ = try workspace.run(10)
        let week11 = try workspace.run(11)
        let stale = week11.report.findings.filter { $0.kind == .staleSource }
        #expect(stale.count == 1)
        #expect(stale.first.map(Vocabulary.message)?.contains("2009-W11 행이 없습니다") == true)
        #expect(week11.report.findings.filter { $0.kind == .missing }.count == 48)
        // Counted at week 10's figures: no change this week.
        #expect(week11.report.total.weekChange == 0)
        #expect(!(try workspace.run(10)).report.findings.contains { $0.kind == .staleSource })
    }

    @Test func aPerWeekFileByteIdenticalToLastWeeksIsStaleAndARerunAgrees() throws {
        let workspace = try HistoryWorkspace(source: "file:exports/{week}.csv", figures: "")
        let week10 = try HistoryWorkspace.demoRows { $0 == 10 }.joined(separator: "\n") + "\n"
        try workspace.write("exports/2009-W10.csv", week10)
        try workspace.write("exports/2009-W11.csv", week10)
        _ = try workspace.run(10)
        let first = try workspace.run(11)
        let stale = try #require(first.report.findings.first { $0.kind == .staleSource })
        #expect(Vocabulary.message(stale).contains("2009-W10와 바이트 단위로 같습니다"))
        let rerun = try workspace.run(11)
        #expect(rerun.report.findings.filter { $0.kind == .staleSource }.map(Vocabulary.message) == [Vocabulary.message(stale)])

        // A real week-11 export is not stale, and the history of week 10 still comes from the ledger.
        try workspace.write("exports/2009-W11.csv", try HistoryWorkspace.demoRows { $0 == 11 }.joined(separator: "\n") + "\n")
        let fresh = try workspace.run(11)
        #expect(!fresh.report.findings.contains { $0.kind == .staleSource })
        #expect(fresh.report.total.weekChange > 0)
    }

    @Test func aLateRowThatOnlyALaterWeeksExportCarriesStaysOutOfARerun() throws {
        let workspace = try HistoryWorkspace(source: "file:exports/{week}.csv", figures: "")
        try workspace.write("exports/2009-W10.csv", try HistoryWorkspace.demoRows { $0 == 10 }.joined(separator: "\n") + "\n")
        _ = try workspace.run(10)
        let original = try workspace.reportJSON(10)
        // Week 11's export also carries a week-9 row that arrived late.
        let late = try #require(try HistoryWorkspace.demoRows { $0 == 9 }.first { $0.hasPrefix("2009-W09,ECO,ECO-01,") })
        try workspace.write("exports/2009-W11.csv", (try HistoryWorkspace.demoRows { $0 == 11 } + [late]).joined(separator: "\n") + "\n")
        let week11 = try workspace.run(11)
        #expect(try Ledger(path: workspace.ledger).history(asOf: ISOWeek(year: 2009, week: 11)!)
            .figure(project: "ECO-01", week: ISOWeek(year: 2009, week: 9)!) != nil)
        #expect(!week11.report.findings.contains { $0.kind == .restated })
        _ = try workspace.run(10, now: Date(timeIntervalSince1970: 1_250_000_000))
        #expect(try HistoryWorkspace.withoutGenerationTime(workspace.reportJSON(10)) == HistoryWorkspace.withoutGenerationTime(original))
    }

    /// Runs weeks 10 and 11 of per-week exports served with ETag and Last-Modified; returns week 11's run.
    func runServedExports(week10: String, week11: String) throws -> (week11: WeeklyRun.Outcome, workspace: HistoryWorkspace) {
        let exports = try TemporaryDirectory("exports")
        try Data(week10.utf8).write(to: exports.appendingPathComponent("2009-W10.csv"))
        try Data(week11.utf8).write(to: exports.appendingPathComponent("2009-W11.csv"))
        let server = try FixtureServer("conditional_http.py", arguments: [exports.path])
        defer { server.stop() }
        let workspace = try HistoryWorkspace(source: "\(server.baseURL)/{week}.csv")
        _ = try workspace.run(10)
        return (try workspace.run(11), workspace)
    }

    @Test(.timeLimit(.minutes(3)))
    func anHTTPSourceAnswering304ToLastWeeksETagIsStale() throws {
        let week10 = try HistoryWorkspace.demoRows { $0 == 10 }.joined(separator: "\n") + "\n"
        let (week11, workspace) = try runServedExports(week10: week10, week11: week10)
        let stale = try #require(week11.report.findings.first { $0.kind == .staleSource })
        #expect(Vocabulary.message(stale).contains("304 Not Modified"))
        let ledger = try Ledger(path: workspace.ledger)
        let run = try #require(try ledger.runs(week: ISOWeek(year: 2009, week: 11)).last)
        #expect(run.source.notModified)
        #expect(run.source.digest == (try ledger.runs(week: ISOWeek(year: 2009, week: 10)).last?.source.digest))
        #expect(week11.report.findings.filter { $0.kind == .missing }.count == 48)
    }

    @Test(.timeLimit(.minutes(3)))
    func anotherWeeksExportWithTheSameLastModifiedIsReadNotTakenForStale() throws {
        func rows(_ week: Int) throws -> String { try HistoryWorkspace.demoRows { $0 == week }.joined(separator: "\n") + "\n" }
        let week11 = try runServedExports(week10: rows(10), week11: rows(11)).week11
        #expect(!week11.report.findings.contains { $0.kind == .staleSource })
        #expect(!week11.report.findings.contains { $0.kind == .missing })
        #expect(week11.report.total.weekChange > 0)
    }

    @Test func backfillTwiceGivesTheSameLedgerRowsAndTheSameReports() throws {
        let workspace = try HistoryWorkspace()
        let options = Backfill.Options(configPath: workspace.config, from: ISOWeek(year: 2009, week: 2)!, to: ISOWeek(year: 2009, week: 8)!)
        var seen: [String] = []
        let first = try Backfill(context: HistoryWorkspace.context()).run(options) { done, total, week in
            seen.append("\(done)/\(total) \(week.map(\.description) ?? "end")")
        }
        #expect(first.map(\.week.week) == Array(2...8))
        #expect(seen.first == "0/7 2009-W02" && seen.last == "7/7 end")
        let reports = try (2...8).map { try workspace.reportFiles($0) }
        let snapshots = try workspace.rows("SELECT week, program, project, executed, budget, kpis, run_id, recorded_at FROM snapshot ORDER BY week, project")
        let lastFindings = try workspace.lastFindingsPerWeek()

        _ = try Backfill(context: HistoryWorkspace.context()).run(options)
        #expect(try (2...8).map { try workspace.reportFiles($0) } == reports)
        #expect(try workspace.rows("SELECT week, program, project, executed, budget, kpis, run_id, recorded_at FROM snapshot ORDER BY week, project") == snapshots)
        #expect(try workspace.rows("SELECT * FROM snapshot_revision").isEmpty)
        #expect(try workspace.lastFindingsPerWeek() == lastFindings)
        let runs = try Ledger(path: workspace.ledger).runs()
        #expect(runs.count == 14)
        #expect(runs.allSatisfy { $0.trigger == "backfill" && $0.outcome == "done" && $0.exitCode == 0 })
        #expect(snapshots.count == 7 * 48)
    }

    @Test func backfillRefusesWeeksInTheWrongOrder() throws {
        let workspace = try HistoryWorkspace()
        #expect(throws: RunError.self) {
            _ = try Backfill(context: HistoryWorkspace.context()).run(
                .init(configPath: workspace.config, from: ISOWeek(year: 2009, week: 8)!, to: ISOWeek(year: 2009, week: 2)!))
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.ledger))
    }

    @Test func aFailedRunIsRecordedWithItsExitCode() throws {
        let workspace = try HistoryWorkspace(source: "file:exports/{week}.csv", figures: "")
        #expect(throws: (any Error).self) { _ = try workspace.run(10) }
        let run = try #require(try Ledger(path: workspace.ledger).runs().first)
        #expect(run.outcome == "failed")
        #expect(run.exitCode == 66)
        #expect(run.message?.contains("2009-W10.csv") == true)
    }
}

extension HistoryWorkspace {
    func reportFiles(_ week: Int) throws -> [Data] {
        let folder = self.folder.appendingPathComponent(String(format: "out/2009-W%02d", week))
        return try ["report.md", "report.html", "report.json"].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    func rows(_ sql: String) throws -> [String] {
        try DatabaseQueue(path: ledger).read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
    }

    func lastFindingsPerWeek() throws -> [String] {
        try rows("""
            SELECT r.week, f.kind, f.severity, f.program, f.project, f.message FROM finding f JOIN run r ON r.id = f.run_id
            WHERE r.id IN (SELECT MAX(id) FROM run GROUP BY week) ORDER BY r.week, f.id
            """)
    }
}

struct LedgerHistoryDeliveryTests {
    @Test func historyShowsTheWeeksDeliveriesWithoutChangingThem() throws {
        let workspace = try HistoryWorkspace()
        _ = try workspace.run(10)
        let insert = """
            INSERT INTO delivery (id, week, channel, content_digest, payload, content_type, status, attempts, created_at)
            VALUES ('msg_2J9f', '2009-W10', 'tft-slack', 'd1', x'7B7D', 'application/json', 'pending', 2, '2009-03-09T08:00:01+09:00')
            """
        try DatabaseQueue(path: workspace.ledger).write { try $0.execute(sql: insert) }
        let before = try workspace.rows("SELECT * FROM delivery")
        let history = try LedgerHistory(ledger: Ledger(path: workspace.ledger), week: ISOWeek(year: 2009, week: 10))
        let text = history.text(detail: true)
        #expect(text.contains("delivery msg_2J9f tft-slack"))
        #expect(text.contains("pending  attempts 2"))
        #expect(try workspace.rows("SELECT * FROM delivery") == before)
        #expect(history.weeks.map(\.week) == ["2009-W10"])
        #expect(history.weeks.first?.runs.first?.findings.isEmpty == false)
    }
}

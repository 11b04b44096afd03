import Foundation
import Testing
import TestSupport
@testable import Reporting
@testable import SpendwatchKit

/// The whole weekly run on the embedded Daejeon 2009 demo, checked against the figures file itself.
struct DemoRunTests {
    static let monday = Date(timeIntervalSince1970: 1_246_230_000)   // 2009-06-29 08:00 KST

    func run(_ demo: DemoCopy, week: String? = "2009-W26") throws -> WeeklyRun.Outcome {
        let context = RunContext(environment: [:], now: { Self.monday })
        return try WeeklyRun(context: context).run(.init(configPath: demo.config, week: week.flatMap { .init($0) }))
    }

    /// The W26 cumulative figure of every sub-project straight from the CSV (W25 for one that did not report).
    func figuresFromCSV() throws -> [String: Int64] {
        let text = try String(contentsOfFile: Paths.example + "/figures.csv", encoding: .utf8)
        var latest: [String: (String, Int64)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            // week,program,project,name,"amount",KPIs…: the amount is the row's one quoted number.
            let fields = line.split(separator: ",", maxSplits: 3)
            let amount = Int64(line.firstMatch(of: #/"([0-9]{1,3}(?:,[0-9]{3})*)"/#)!.1.filter(\.isNumber))!
            let week = String(fields[0])
            if week <= "2009-W26", (latest[String(fields[2])]?.0 ?? "") < week { latest[String(fields[2])] = (week, amount) }
        }
        return latest.mapValues(\.1)
    }

    @Test func reportJSONCarriesTheWeekAndIndependentlyCheckedTotals() throws {
        let demo = try DemoCopy()
        let outcome = try run(demo)
        let data = try Data(contentsOf: URL(fileURLWithPath: outcome.directory + "/report.json"))
        let json = try ReportDocument.decode(data)
        let csv = try figuresFromCSV()

        #expect(json.schema == "spendwatch.report/1")
        #expect(json.week == "2009-W26")
        #expect(json.asOf == "2009-06-28")
        #expect(json.generatedAt == "2009-06-29T08:00:00+09:00")
        #expect(json.total.budget == 64_500_000_000)
        #expect(json.total.executed == csv.values.reduce(0, +))
        #expect(json.programs.map(\.row.id) == ["RSI2", "ECO"])
        #expect(json.programs.map(\.projects.count) == [21, 27])
        for program in json.programs {
            #expect(program.row.executed == program.projects.reduce(0) { $0 + $1.executed })
            #expect(program.row.budget == program.projects.reduce(0) { $0 + $1.budget })
            for project in program.projects { #expect(project.executed == csv[project.id], "\(project.id)") }
        }
        // 89 of 91 days from 30 % (31 March) to 60 % (30 June).
        #expect(json.total.targetPercent == 59.34)
        #expect(json.total.nextMilestone?.by == "2009-06-30")
    }

    @Test func theDemoSpreadShowsInTheFindings() throws {
        let demo = try DemoCopy()  // held: the report is read from its folder below
        let directory = try run(demo).directory
        let json = try ReportDocument.decode(try Data(contentsOf: URL(fileURLWithPath: directory + "/report.json")))
        func kinds(_ project: String) -> Set<String> { Set(json.findings.filter { $0.project == project }.map(\.kind)) }
        #expect(kinds("RSI2-09") == ["behind"])
        #expect(kinds("RSI2-13") == ["behind", "stalled"])
        #expect(kinds("ECO-23") == ["missing"])
        let statuses = json.programs.flatMap(\.projects).map(\.status)
        #expect(statuses.filter { $0 == "critical" }.count == 3)
        #expect(statuses.filter { $0 == "warning" }.count == 5)
        #expect(statuses.filter { $0 == "on-track" }.count == 40)
        #expect(json.findings.first?.severity == "critical")
        // New jobs: 314 reported against 368 due by 28 June on the straight line to 750.
        let jobs = json.findings.filter { $0.kind == "kpi-behind" }
        #expect(jobs.count == 1)
        #expect(jobs.first?.severity == "warning")
        #expect(jobs.first?.message.contains("신규 일자리 창출: 실적 314명으로 현재 목표 368명에 54명 미달") == true)
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(markdown.contains("- **주의** 성과지표 미달: 신규 일자리 창출: 실적 314명"))
    }

    @Test func overspentThenCorrected() throws {
        let demo = try DemoCopy()
        let w18 = try ReportDocument.decode(try Data(contentsOf: URL(fileURLWithPath: try run(demo, week: "2009-W18").directory + "/report.json")))
        #expect(w18.findings.contains { $0.kind == "overspent" && $0.project == "ECO-04" })
        let w20 = try ReportDocument.decode(try Data(contentsOf: URL(fileURLWithPath: try run(demo, week: "2009-W20").directory + "/report.json")))
        #expect(!w20.findings.contains { $0.kind == "overspent" })
        #expect(w20.findings.contains { $0.kind == "regressed" && $0.project == "ECO-04" })
    }

    @Test func theW26ExportRestatesW25AndARerunOfW25StillShowsWhatW25Knew() throws {
        let demo = try DemoCopy()
        func json(_ week: String) throws -> (ReportDocument, Data) {
            let data = try Data(contentsOf: URL(fileURLWithPath: try run(demo, week: week).directory + "/report.json"))
            return (try ReportDocument.decode(data), data)
        }
        let (w25, w25Data) = try json("2009-W25")
        #expect(!w25.findings.contains { $0.kind == "restated" })
        let w25ECO09 = try #require(w25.programs.flatMap(\.projects).first { $0.id == "ECO-09" })
        #expect(w25ECO09.executed == 1_194_539_000)   // as first reported

        let (w26, _) = try json("2009-W26")
        let restated = try #require(w26.findings.first { $0.kind == "restated" })
        #expect(restated.project == "ECO-09")
        #expect(restated.message.contains("2009-W25 누적집행액이 1,194,539,000원에서 1,182,039,000원으로"))
        let w26ECO09 = try #require(w26.programs.flatMap(\.projects).first { $0.id == "ECO-09" })
        #expect(w26ECO09.weekChange == 1_218_435_000 - 1_182_039_000)

        // A rerun of W25 afterwards reads the export as it stood in W25 and reproduces that report.
        let (_, again) = try json("2009-W25")
        #expect(try HistoryWorkspace.withoutGenerationTime(again) == HistoryWorkspace.withoutGenerationTime(w25Data))
    }

    @Test func withoutAWeekTheLastCompleteWeekIsReported() throws {
        #expect(try run(DemoCopy(), week: nil).week.description == "2009-W26")
    }

    @Test func aScriptInANameIsShownAsText() throws {
        let demo = try DemoCopy()
        try demo.edit("plan.yml", replacing: "지능형로봇 핵심기술개발 지원", with: "<script>alert(1)</script>")
        let html = try String(contentsOfFile: try run(demo).directory + "/report.html", encoding: .utf8)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("the last complete week in Asia/Seoul", arguments: [
        (1_246_201_199.0, "2009-W25"),   // Sunday 2009-06-28 23:59:59 KST: that week is still open
        (1_246_201_200.0, "2009-W26"),   // Monday 00:00 KST
        (1_262_271_600.0, "2009-W52"),   // Friday 2010-01-01 00:00 KST, in 2009-W53
    ])
    func lastCompleteWeek(seconds: Double, week: String) throws {
        let clock = WeekClock(timeZone: try #require(TimeZone(identifier: "Asia/Seoul")))
        #expect(clock.lastCompleteWeek(now: Date(timeIntervalSince1970: seconds)).description == week)
    }
}

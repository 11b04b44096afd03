import Budget
import Foundation
import Reporting
import Testing
import TestSupport

/// What a reader of each format sees: safe e-mail HTML, a chart per programme, an answer in the first lines.
struct RenderedReportTests {
    @Test(arguments: ["<script", "<svg", "http://", "https://", "src=", "url(", "<style", "<link", "@import", "javascript:"])
    func emailHTMLCarriesNothingMailClientsStripOrBlock(_ banned: String) throws {
        let html = try ReportFixture.rendered().emailHTML.lowercased()
        #expect(!html.contains(banned))
    }

    @Test func emailHTMLDrawsABarWithATargetMarkerPerRow() throws {
        let rendered = try ReportFixture.rendered()
        let report = ReportFixture.report()
        let rows = report.programs.reduce(0) { $0 + $1.projects.count } + report.programs.count
        // The marker is the one 2-pixel dark cell of each bar.
        let markers = rendered.emailHTML.components(separatedBy: "width=\"2\" height=").count - 1
        #expect(markers >= rows)
        #expect(rendered.emailHTML.contains("담당별 조치 목록"))
    }

    @Test func browserHTMLHasOneChartPerProgramme() throws {
        let rendered = try ReportFixture.rendered()
        let count = rendered.html.components(separatedBy: "<svg").count - 1
        #expect(count == ReportFixture.report().programs.count)
        #expect(rendered.html.contains("조기집행 목표선"))
        #expect(rendered.html.contains("목표 3/31 30%"))
    }

    @Test func valuesAreEscapedInBothHTMLReports() throws {
        let rendered = try ReportFixture.rendered(projectName: "<script>alert(1)</script>")
        for html in [rendered.html, rendered.emailHTML] {
            #expect(!html.contains("<script>alert(1)"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func markdownFirstLinesAnswerWhatIsBehindByHowMuchAndWhatToSpend() throws {
        let report = ReportFixture.report()
        let markdown = try ReportFixture.rendered().markdown
        let top = markdown.split(separator: "\n", omittingEmptySubsequences: false).prefix(5).joined(separator: "\n")
        let behind = report.programs.flatMap(\.projects).filter { $0.status != .onTrack }
        #expect(behind.count == 2)
        #expect(top.contains("미달 2개"))
        let shortfall = behind.reduce(Won(0)) { $0 + $1.shortfall }
        #expect(top.contains(WonFormat.eok(shortfall)))
        #expect(top.contains(WonFormat.full(shortfall)))
        let next = try #require(report.total.nextMilestone)
        #expect(top.contains("\(next.date)까지"))
        #expect(top.contains("주당 \(WonFormat.eok(next.requiredWeekly))"))
    }

    @Test func markdownStaysNarrowEnoughForATerminal() throws {
        let markdown = try ReportFixture.rendered().markdown
        // Korean characters take two columns; tables end with the name, so only that part may wrap.
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let beforeName = line.split(separator: "|").dropLast().joined(separator: "|")
            let columns = beforeName.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            #expect(columns <= 110, "\(line)")
        }
    }

    @Test func ownerListShowsEachOwnersWeeklyTotal() throws {
        let report = ReportFixture.report()
        let rendered = try ReportFixture.rendered()
        let actions = report.ownerActions
        #expect(actions.map(\.owner) == ["고주파센터"])
        let owner = try #require(actions.first)
        #expect(owner.items.map(\.id).sorted() == ["ECO-01", "RSI2-01"])
        #expect(owner.requiredWeekly == owner.items.reduce(0) { $0 + ($1.nextMilestone?.requiredWeekly ?? 0) })
        for text in [rendered.markdown, rendered.emailText, rendered.emailHTML, rendered.html] {
            #expect(text.contains("주당 \(WonFormat.eok(owner.requiredWeekly))"))
            #expect(text.contains(WonFormat.full(owner.requiredWeekly)))
        }
        let document = try ReportDocument.decode(rendered.json)
        #expect(document.actions?.first?.requiredWeekly == owner.requiredWeekly)
        #expect(document.actions?.first?.projects.map(\.id).sorted() == ["ECO-01", "RSI2-01"])
    }

    @Test func programmeAndTotalVelocityAndProjectionAppearInEveryFormat() throws {
        let report = ReportFixture.report()
        let rendered = try ReportFixture.rendered()
        let program = try #require(report.programs.first?.row)
        let projected = try #require(program.projectedPercent)
        let totalProjected = try #require(report.total.projectedPercent)
        for text in [rendered.markdown, rendered.emailText, rendered.emailHTML, rendered.html] {
            #expect(text.contains(String(WonFormat.eok(program.velocity).dropLast(2))), "programme velocity")
            #expect(text.contains("\(WonFormat.decimal(projected))%"), "programme projection")
            #expect(text.contains("\(WonFormat.decimal(totalProjected))%"), "total projection")
        }
        for text in [rendered.emailText, rendered.emailHTML, rendered.html] {
            #expect(text.contains("4주 평균 주당 \(WonFormat.eok(program.velocity))"))
        }
    }

    @Test func aFigureFarBeyondItsBudgetIsClippedInTheChartNotACrash() throws {
        var figures = ReportFixture.history()
        // ₩100조 against a ₩6억 budget: 16,666,667 % of it.
        figures.insert(Figure(week: ReportFixture.week(12), program: "ECO", project: "ECO-01", executed: Won.largestAmount))
        let report = WeeklyComparison(plan: ReportFixture.plan(), thresholds: Thresholds())
            .report(week: ReportFixture.week(12), history: figures, generatedAt: "2009-03-23T08:00:00+09:00")
        let html = try RenderedReport(report, templates: ReportFixture.templates()).html
        #expect(html.contains(">200%</text>"))
        #expect(!html.contains(">220%</text>"))
        #expect(report.findings.contains { $0.kind == .overspent && $0.project == "ECO-01" })
    }

    @Test func kpisAppearInEveryFormat() throws {
        let rendered = try ReportFixture.rendered()
        let document = try ReportDocument.decode(rendered.json)
        let jobs = try #require(document.kpis?.first)
        // W12 ends Sunday 22 March, 81 days in: ceil(100 × 81 / 365) = 23 expected; 12 + 12 reported.
        #expect(jobs.expected == 23)
        #expect(jobs.actual == 24)
        for text in [rendered.markdown, rendered.emailText, rendered.emailHTML, rendered.html] {
            #expect(text.contains("신규 일자리"))
            #expect(text.contains("24명"))
        }
    }

    @Test func seriesInTheJSONStopsAtTheReportWeek() throws {
        let document = try ReportDocument.decode(try ReportFixture.rendered(week: 10).json)
        let series = try #require(document.series)
        #expect(series.map(\.id) == ["RSI2", "ECO", "TOTAL"])
        #expect(series.allSatisfy { $0.points.last?.week == "2009-W10" && $0.points.count == 10 })
        #expect(series.last?.points.last?.executed == document.total.executed)
    }

    /// The demo's W26: the week's export restated W25, and the run adds that finding from the ledger's memory.
    @Test func aWeekWithARestatedFigureKeepsItsChartsAndKPITable() throws {
        let report = ReportFixture.report()
        let restated = HistoryFinding.restated(
            week: ReportFixture.week(11), program: "RSI2", project: "RSI2-01", name: "RF 부품 기술개발",
            oldExecuted: 200_000_000, newExecuted: 190_000_000, oldBudget: nil, newBudget: nil)
        let stale = HistoryFinding.staleSource(week: ReportFixture.week(12), source: "figures.csv", reason: .noRows)
        let rendered = try RenderedReport(report.adding([restated, stale]), templates: ReportFixture.templates())
        #expect(rendered.html.components(separatedBy: "<svg").count - 1 == report.programs.count)
        #expect(rendered.html.contains("성과지표"))
        #expect(rendered.html.contains("신규 일자리"))
        let document = try ReportDocument.decode(rendered.json)
        #expect(document.series?.count == report.series.count)
        #expect(document.kpis?.count == report.kpis.count)
        #expect(document.findings.contains { $0.kind == "restated" })
    }

    @Test func findingsPutTheMostMoneyFirstWithinASeverity() throws {
        let report = ReportFixture.report()
        for (a, b) in zip(report.findings, report.findings.dropFirst()) where a.severity == b.severity {
            #expect((a.amount ?? 0) >= (b.amount ?? 0))
        }
        #expect(report.findings.contains { $0.kind == .behind && $0.amount != nil })
    }

    /// Golden files of the text formats; `RECORD_GOLDEN=1 swift test --filter RenderedReportTests` re-records them.
    @Test(arguments: ["report.md", "email-text.txt"])
    func matchesTheGoldenFile(_ name: String) throws {
        let rendered = try ReportFixture.rendered()
        let text = name == "report.md" ? rendered.markdown : rendered.emailText
        let path = Paths.fixture("reports/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == golden, "rendered \(name) differs from \(path); RECORD_GOLDEN=1 re-records it")
    }
}

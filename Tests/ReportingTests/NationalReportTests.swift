import Budget
import Foundation
import Reporting
import Testing
import TestSupport

/// A national roll-up (20,000 sub-projects, 52,000 restated figures) still gives readable, sendable outputs.
struct NationalReportTests {
    static let programmes = 400
    static let perProgramme = 50

    /// 400 programmes of 50 sub-projects, 120 owners; every third sub-project far behind, the rest ahead.
    static func report() -> WeekReport {
        let week = ISOWeek(year: 2009, week: 12)!
        var programs: [Program] = []
        var figures: [Figure] = []
        for g in 0..<programmes {
            var projects: [Project] = []
            for p in 0..<perProgramme {
                let id = String(format: "P%04d-%02d", g, p)
                let budget: Won = 1_000_000_000 + Won((g * perProgramme + p) % 97) * 10_000_000
                projects.append(Project(id: id, name: "세부사업 \(g + 1)-\(p + 1)", budget: budget, owner: "담당\((g * 7 + p) % 120)팀"))
                let share: Won = (g * perProgramme + p) % 3 == 0 ? 5 : 40
                for n in 10...12 {
                    figures.append(Figure(week: ISOWeek(year: 2009, week: n)!, program: String(format: "PRG%04d", g), project: id,
                                          executed: budget * share / 100 + Won(n)))
                }
            }
            programs.append(Program(id: String(format: "PRG%04d", g), name: "국가사업 \(g + 1)",
                                    budget: projects.reduce(0) { $0 + $1.budget }, projects: projects))
        }
        let plan = Plan(fiscalYear: 2009,
                        milestones: [Milestone(date: CalendarDate(year: 2009, month: 6, day: 30)!, basisPoints: 6_000),
                                     Milestone(date: CalendarDate(year: 2009, month: 12, day: 31)!, basisPoints: 10_000)],
                        programs: programs)
        let base = WeeklyComparison(plan: plan, thresholds: Thresholds())
            .report(week: week, history: FigureHistory(figures), generatedAt: "2009-03-23T08:00:00+09:00")
        // 52,000 restated figures: 2,600 sub-projects × 20 earlier weeks, each changed by its own amount.
        var restated: [Finding] = []
        for i in 0..<52_000 {
            let project = String(format: "P%04d-%02d", (i / 20) / perProgramme, (i / 20) % perProgramme)
            restated.append(HistoryFinding.restated(week: ISOWeek(year: 2008, week: 30 + i % 20)!, program: "PRG", project: project,
                                                    name: nil, oldExecuted: 1_000_000, newExecuted: 1_000_000 + Won(i) * 1_000,
                                                    oldBudget: nil, newBudget: nil))
        }
        return base.adding(restated)
    }

    static let rendered: Result<(WeekReport, RenderedReport), any Error> = Result {
        let built = Self.report()
        return (built, try RenderedReport(built, templates: ReportFixture.templates()))
    }

    @Test func reportAndEmailStayWithinTheirSizes() throws {
        let (_, rendered) = try Self.rendered.get()
        #expect(rendered.emailHTML.utf8.count < 100_000)
        #expect(rendered.html.utf8.count < 5_000_000)
        #expect(rendered.markdown.utf8.count < 5_000_000)
        #expect(rendered.emailText.utf8.count < 100_000)
    }

    @Test func rollupsByOwnerAndProgrammeComeFirstThenTheRowsThatNeedAction() throws {
        let (report, rendered) = try Self.rendered.get()
        let html = rendered.html
        let owners = try #require(html.range(of: "담당별 조치 목록"))
        let programmes = try #require(html.range(of: "사업별 현황"))
        let actions = try #require(html.range(of: "조치가 필요한 세부사업"))
        #expect(owners.lowerBound < programmes.lowerBound && programmes.lowerBound < actions.lowerBound)
        // The largest shortfall is listed; the list says how many more there are.
        let behind = report.programs.flatMap(\.projects).filter { $0.status != .onTrack }.sorted { $0.shortfall > $1.shortfall }
        #expect(behind.count > ReportLimits.report.actionRows)
        #expect(html.contains(behind[0].id))
        #expect(html.contains("외 \(WonFormat.grouped(UInt64(behind.count - ReportLimits.report.actionRows)))개 미달 세부사업"))
        #expect(rendered.emailHTML.contains("외 \(WonFormat.grouped(UInt64(behind.count - ReportLimits.email.actionRows)))개 미달 세부사업"))
        #expect(html.contains("projects.csv"))
    }

    @Test func manyFindingsOfOneKindAreSummarisedAndReportJSONKeepsThemAll() throws {
        let (report, rendered) = try Self.rendered.get()
        let restated = report.findings.filter { $0.kind == .restated }
        #expect(restated.count == 52_000)
        let total = restated.reduce(Won(0)) { $0 + $1.stake }
        let line = "과거 수치 정정 52,000건, 합계 \(WonFormat.eok(total))(\(WonFormat.full(total))): 큰 순 20건만"
        #expect(rendered.html.contains(line))
        #expect(rendered.markdown.contains(line))
        // The largest 20 restatements are listed, the 21st is not.
        let largest = restated.sorted { $0.stake > $1.stake }
        #expect(rendered.markdown.contains(Vocabulary.message(largest[0])))
        #expect(rendered.markdown.contains(Vocabulary.message(largest[19])))
        #expect(!rendered.markdown.contains(Vocabulary.message(largest[20])))
        let document = try ReportDocument.decode(rendered.json)
        #expect(document.findings.count { $0.kind == "restated" } == 52_000)
        #expect(document.findings.count == report.findings.count)
    }

    @Test func projectsCSVHoldsEveryRowWithABOMAndTheReportsTotals() throws {
        let (report, rendered) = try Self.rendered.get()
        let bytes = [UInt8](rendered.projectsCSV)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\r\n")
        #expect(lines.count == 1 + Self.programmes * Self.perProgramme)
        #expect(lines[0].hasPrefix("사업코드,사업명,세부사업코드,세부사업명,담당,예산(원),집행액(원)"))
        var budget: Won = 0
        var executed: Won = 0
        var shortfall: Won = 0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            budget += Won(fields[5]) ?? 0
            executed += Won(fields[6]) ?? 0
            shortfall += Won(fields[10]) ?? 0
        }
        #expect(budget == report.total.budget)
        #expect(executed == report.total.executed)
        #expect(shortfall == report.programs.flatMap(\.projects).reduce(0) { $0 + $1.shortfall })
    }

    @Test func aCSVCellCannotRunAsAFormula() {
        #expect(ProjectsTable.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ProjectsTable.field("a,b") == "\"a,b\"")
        #expect(ProjectsTable.field("세부사업") == "세부사업")
    }
}

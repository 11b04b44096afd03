import Foundation
import Reporting
import Testing
import TestSupport

/// The two 2025 신속집행 examples next to the Daejeon demo, each run through the real binary in a private copy.
@Suite(.timeLimit(.minutes(3)))
struct ExamplePlanTests {
    struct Example: Sendable, CustomStringConvertible {
        let name: String
        /// The first-half target on 30 June, in percent.
        let june: Double
        /// 대상액 and 예산현액 of the whole plan, added up from plan.yml by hand.
        let targetBase: Int64
        let budget: Int64
        var description: String { name }
    }

    static let examples = [
        // 30억 + 12억 + 8억 + 45억 + 25억 = 120억 대상액; + 6억 법정전입금 + 40억 인건비 + 6억 기본경비.
        Example(name: "local-2025", june: 60.5, targetBase: 12_000_000_000, budget: 17_200_000_000),
        // 120억 + 60억 + 25억 + 30억 + 45억 = 280억 대상액; + 50억 인건비 + 8억 기본경비.
        Example(name: "central-2025", june: 67, targetBase: 28_000_000_000, budget: 33_800_000_000),
    ]

    /// A private copy of `examples/<name>`, so its ledger and reports stay out of the tree.
    static func copy(_ name: String) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory(name)
        for file in ["plan.yml", "figures.csv", "spendwatch.yml"] {
            try FileManager.default.copyItem(atPath: Paths.root.appendingPathComponent("examples/\(name)/\(file)").path,
                                             toPath: folder.url.appendingPathComponent(file).path)
        }
        return folder
    }

    static func run(_ folder: TemporaryDirectory, week: String) throws -> ReportDocument {
        let config = folder.url.appendingPathComponent("spendwatch.yml").path
        let result = try SpendwatchProcess.run(["run", "--config", config, "--week", week], in: folder.url, name: week)
        #expect(result.status == 0, "\(result.stderr)")
        return try ReportDocument.decode(Data(contentsOf: folder.url.appendingPathComponent("out/\(week)/report.json")))
    }

    @Test(arguments: examples)
    func theExampleRunsAndShowsBothBases(_ example: Example) throws {
        let folder = try Self.copy(example.name)
        let june = try Self.run(folder, week: "2025-W26")
        #expect(june.total.budget == example.budget)
        #expect(june.total.targetBase == example.targetBase)
        // Programme and total rows are sums of money, on both bases.
        for program in june.programs {
            #expect(program.row.budget == program.projects.reduce(0) { $0 + $1.budget })
            #expect(program.row.executed == program.projects.reduce(0) { $0 + $1.executed })
            let counted = program.projects.filter { $0.excluded != true }
            #expect((program.row.targetBase ?? program.row.budget) == counted.reduce(0) { $0 + $1.budget })
        }
        #expect(june.programs.flatMap(\.projects).contains { $0.excluded == true && $0.targetPercent == 0 })
        let markdown = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W26/report.md"), encoding: .utf8)
        #expect(markdown.contains("예산현액·대상액"))
        #expect(markdown.contains("[대상액 제외]"))
        // The browser report and the e-mail show the same: both bases, and the excluded lines marked.
        for file in ["report.html", "email.html"] {
            let html = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W26/\(file)"), encoding: .utf8)
            #expect(html.contains("예산현액·대상액"), "\(file)")
            #expect(html.contains("[대상액 제외]"), "\(file)")
        }

        // W30 ends on Sunday 27 July, after the last milestone: the first-half target holds, and the year-end
        // projection and 불용 are shown per row.
        let july = try Self.run(folder, week: "2025-W30")
        #expect(july.total.targetPercent == example.june)
        #expect(july.total.yearEnd != nil)
        #expect(july.programs.allSatisfy { $0.row.yearEnd != nil })
        #expect(july.findings.contains { $0.kind == "lapse-risk" })
        let julyMarkdown = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W30/report.md"), encoding: .utf8)
        #expect(julyMarkdown.contains("연말 전망: 마지막 목표 시점 이후"))
        let julyHTML = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W30/report.html"), encoding: .utf8)
        #expect(julyHTML.contains("연말 전망"))
        #expect(julyHTML.contains("불용 예상"))

        // projects.csv carries the excluded flag and each line's projection, in whole won, as report.json has them.
        let csv = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W30/projects.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let excluded = try #require(header.firstIndex(of: "대상액 제외"))
        let lapse = try #require(header.firstIndex(of: "불용 예상액(원)"))
        let id = try #require(header.firstIndex(of: "세부사업코드"))
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[id], $0) })
        for project in july.programs.flatMap(\.projects) {
            let row = try #require(rows[project.id])
            #expect(row[excluded] == (project.excluded == true ? "Y" : ""), "\(project.id)")
            #expect(row[lapse] == String(try #require(project.yearEnd).projectedLapse), "\(project.id)")
        }
    }

    @Test func theLocalExamplesSafetyChannelGetsOnlyItsOwnRows() throws {
        let folder = try Self.copy("local-2025")
        _ = try Self.run(folder, week: "2025-W26")
        let outbox = folder.url.appendingPathComponent("out/outbox-safety")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        let file = try #require(files.first)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.appendingPathComponent(file))) as? [String: Any])
        let programs = try #require(payload["programs"] as? [[String: Any]])
        let projects = programs.flatMap { ($0["projects"] as? [[String: Any]]) ?? [] }
        #expect(projects.compactMap { $0["owner"] as? String }.allSatisfy { $0 == "안전총괄과" })
        #expect(projects.compactMap { $0["id"] as? String }.sorted() == ["SOC-02", "SOC-03"])
    }

    @Test func theCentralExampleWatchesItsLargeProjects() throws {
        let folder = try Self.copy("central-2025")
        let june = try Self.run(folder, week: "2025-W26")
        let watched = june.programs.flatMap(\.projects).filter { $0.watched == true }.map(\.id)
        // ₩50억 and more: RND-01 (120억), RND-02 (60억). OPS-01 인건비 (50억) is as large but excluded: no target
        // to fall behind, so not in the section.
        #expect(watched == ["RND-01", "RND-02"])
        let markdown = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W26/report.md"), encoding: .utf8)
        #expect(markdown.contains("## 대형사업"))
        let html = try String(contentsOf: folder.url.appendingPathComponent("out/2025-W26/report.html"), encoding: .utf8)
        #expect(html.contains("대형사업"))
        #expect(html.contains("RND-01"))
    }
}

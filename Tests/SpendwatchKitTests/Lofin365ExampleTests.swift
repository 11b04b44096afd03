import Foundation
import Testing
import TestSupport
@testable import Reporting

/// `examples/lofin365-2025`: a 지방재정365-shaped XLSX export read end to end by the real binary, with no
/// `columns:` mapping (preset lofin365, unit auto, the as-of date from the title).
struct Lofin365ExampleTests {
    static var example: String { Paths.root.appendingPathComponent("examples/lofin365-2025").path }

    /// A private copy of the example, so the run's ledger and reports stay out of the tree.
    static func copy(into folder: TemporaryDirectory) throws -> String {
        for file in ["plan.yml", "spendwatch.yml", "세출집행현황.xlsx"] {
            try FileManager.default.copyItem(atPath: example + "/" + file, toPath: folder.appendingPathComponent(file).path)
        }
        return folder.appendingPathComponent("spendwatch.yml").path
    }

    @Test(.timeLimit(.minutes(3)))
    func theExampleRunsEndToEndAndItsTotalsAreTheSheetsInWon() throws {
        let folder = try TemporaryDirectory("lofin365")
        let config = try Self.copy(into: folder)
        let run = try SpendwatchProcess.run(["run", "--config", config, "--week", "2025-W14", "--dry-run"], in: folder.url, name: "run")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try ReportDocument.decode(try Data(contentsOf: folder.appendingPathComponent("out/2025-W14/report.json")))
        // The sheet's 지출액 in 천원, worked out by hand: 512,345 + 1,487,654.321 + 99,999.5 + 1,000,000 + 420,000 + 0.
        #expect(json.total.executed == 3_519_998_821)
        let projects = Dictionary(uniqueKeysWithValues: json.programs.flatMap(\.projects).map { ($0.id, $0) })
        #expect(projects["0800123400000002"]?.executed == 1_487_654_321)
        #expect(projects["0800123400000013"]?.executed == 99_999_500)
        // The 16-digit codes keep their leading zero: every planned sub-project found its row.
        #expect(!json.findings.contains { $0.kind == "missing" || $0.kind == "unknown" }, "\(json.findings.map(\.message))")
        // The export's 예산현액 carries a 추경 for 스마트 공장 보급: said, and its rates use it.
        #expect(json.findings.contains { $0.kind == "budget-revised" && $0.project == "0800123400000021" })
        #expect(projects["0800123400000021"]?.budget == 2_200_000_000)
        #expect(!json.findings.contains { $0.kind == "subtotal-mismatch" })
    }

    @Test(.timeLimit(.minutes(3)))
    func aHandEditedSubtotalIsAFindingOfTheRun() throws {
        let folder = try TemporaryDirectory("lofin365")
        let config = try Self.copy(into: folder)
        try Self.rewrite(folder.appendingPathComponent("세출집행현황.xlsx"), #"<c r="H13" t="n"><v>420000</v></c>"#,
                         #"<c r="H13" t="n"><v>420001</v></c>"#)
        let run = try SpendwatchProcess.run(["run", "--config", config, "--week", "2025-W14", "--dry-run"], in: folder.url, name: "run")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try ReportDocument.decode(try Data(contentsOf: folder.appendingPathComponent("out/2025-W14/report.json")))
        let mismatch = try #require(json.findings.first { $0.kind == "subtotal-mismatch" })
        #expect(mismatch.message.hasPrefix("세출집행현황.xlsx:세출집행현황!H13 소계 집행액 420,001,000원이 2개 행의 합 420,000,000원과 +1,000원 다릅니다."))
        #expect(mismatch.severity == "warning")
    }

    @Test(.timeLimit(.minutes(3)))
    func aFractionOfAWonExits65NamingTheCell() throws {
        let folder = try TemporaryDirectory("lofin365")
        let config = try Self.copy(into: folder)
        try Self.rewrite(folder.appendingPathComponent("세출집행현황.xlsx"), "<t>512,345</t>", "<t>512,345.0005</t>")
        let run = try SpendwatchProcess.run(["run", "--config", config, "--week", "2025-W14", "--dry-run"], in: folder.url, name: "run")
        #expect(run.status == 65)
        #expect(run.stderr.contains("세출집행현황.xlsx:세출집행현황!H6 (column '지출액'): '512,345.0005' (× 1000 won) is 512345000.5 won, not a whole won"),
                "\(run.stderr)")
    }

    /// Replaces `old` with `new` in the workbook's sheet XML, as a hand edit in the export would
    /// (the 생활 안전 소계's 지출액, H13, from 420000 to 420001 천원, say).
    static func rewrite(_ url: URL, _ old: String, _ new: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile, shutil
            src = sys.argv[1]; tmp = src + ".tmp"
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "xl/worksheets/sheet1.xml":
                        old, new = sys.argv[2].encode(), sys.argv[3].encode()
                        assert old in data, "not in the sheet: " + sys.argv[2]
                        data = data.replace(old, new)
                    zout.writestr(item, data)
            shutil.move(tmp, src)
            """, url.path, old, new]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }
}

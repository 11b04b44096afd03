import Budget
import Foundation
import Ledger
import Logging
import SpendwatchKit
import TestSupport

/// A throw-away copy of the Daejeon 2009 demo: plan, config and figures in a temporary folder.
struct HistoryWorkspace {
    let folder: URL
    /// Removes the folder when the last copy of this workspace goes.
    private let owner: TemporaryDirectory
    var config: String { folder.appendingPathComponent("spendwatch.yml").path }
    var ledger: String { folder.appendingPathComponent("var/spendwatch.sqlite").path }

    /// `source` is the config's `url:` value; the demo's single figures file by default. `ledger` is
    /// the config's `ledger:` value.
    init(source: String = "file:figures.csv", channels: String = "", figures: String? = nil,
         ledger: String = "sqlite:var/spendwatch.sqlite") throws {
        owner = try TemporaryDirectory("history")
        folder = owner.url
        let example = URL(fileURLWithPath: Paths.example)
        try FileManager.default.copyItem(at: example.appendingPathComponent("plan.yml"), to: folder.appendingPathComponent("plan.yml"))
        if let figures {
            try write("figures.csv", figures)
        } else {
            try FileManager.default.copyItem(at: example.appendingPathComponent("figures.csv"), to: folder.appendingPathComponent("figures.csv"))
        }
        try write("spendwatch.yml", """
            plan: plan.yml
            timezone: Asia/Seoul
            source:
              url: \(source)
              format: csv
              columns: { week: 주차, program: 사업코드, project: 세부사업코드, executed: 누적집행액, reported: 보고주차 }
            ledger: \(ledger)
            output: out
            thresholds: { warn_gap_pp: 5, critical_gap_pp: 10, stall_weeks: 2 }
            \(channels)
            """)
    }

    func write(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The demo's figures rows (header first) whose week passes `keep`.
    static func demoRows(_ keep: (Int) -> Bool = { _ in true }) throws -> [String] {
        let text = try String(contentsOfFile: Paths.example + "/figures.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        return [lines[0]] + lines.dropFirst().filter { line in
            guard let week = ISOWeek(line.prefix(8)) else { return false }
            return keep(week.week)
        }
    }

    static let templates = Paths.root.appendingPathComponent("Templates").path

    /// A context with a fixed clock, the source tree's templates and no log output.
    static func context(now: Date = Date(timeIntervalSince1970: 1_246_230_000), environment: [String: String] = [:]) -> RunContext {
        RunContext(environment: environment.merging(["SPENDWATCH_TEMPLATES_DIR": templates]) { a, _ in a },
                   now: { now }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func run(_ week: Int, trigger: RunTrigger = .manual, now: Date = Date(timeIntervalSince1970: 1_246_230_000)) throws -> WeeklyRun.Outcome {
        try WeeklyRun(context: Self.context(now: now)).run(.init(configPath: config, week: ISOWeek(year: 2009, week: week),
                                                               trigger: trigger))
    }

    func reportJSON(_ week: Int) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(String(format: "out/2009-W%02d/report.json", week)))
    }

    /// report.json with `generated_at` blanked, the one field a rerun may change.
    static func withoutGenerationTime(_ data: Data) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
        object["generated_at"] = ""
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Every file under the folder, relative, sorted.
    func tree() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        return (enumerator?.allObjects as? [String] ?? []).sorted()
    }
}


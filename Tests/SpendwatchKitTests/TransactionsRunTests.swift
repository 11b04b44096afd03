import Budget
import Foundation
import Intake
import SpendwatchKit
import TestSupport
import Testing

/// A whole run on `kind: transactions`: payments are summed into the report a TFT reads.
struct TransactionsRunTests {
    static func config(in folder: URL, source: String) throws -> String {
        let path = folder.appendingPathComponent("spendwatch.yml").path
        let yaml = """
        plan: \(Paths.example)/plan.yml
        timezone: Asia/Seoul
        source:
          url: file:\(source)
          format: csv
          kind: transactions
          encoding: auto
          columns: { date: 집행일자, program: 사업코드, project: 세부사업코드, amount: 집행액 }
        output: out
        thresholds: { warn_gap_pp: 5, critical_gap_pp: 10, stall_weeks: 2 }
        """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static var context: RunContext {
        RunContext(environment: ["SPENDWATCH_TEMPLATES_DIR": Paths.root.appendingPathComponent("Templates").path],
                   now: { Date(timeIntervalSince1970: 1_238_371_200) })
    }

    @Test("report.json carries the hand-summed payments of 2009-W13")
    func reportFromTransactions() throws {
        let folder = Paths.temporaryDirectory("tx-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.config(in: folder, source: Paths.fixture("intake/transactions.csv"))
        let outcome = try WeeklyRun(context: Self.context).run(.init(configPath: config, week: ISOWeek("2009-W13")))
        let data = try Data(contentsOf: URL(fileURLWithPath: outcome.directory).appendingPathComponent("report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let programs = try #require(json["programs"] as? [[String: Any]])
        func row(_ id: String) throws -> [String: Any] {
            for program in programs {
                if program["id"] as? String == id { return program }
                for project in program["projects"] as? [[String: Any]] ?? [] where project["id"] as? String == id { return project }
            }
            throw IntakeError.missing(source: id)
        }
        // ECO-01: 1,000,000 + 500,000 in W10, a 200,000 refund in W11, nothing since.
        #expect(try row("ECO-01")["executed"] as? Int == 1_300_000)
        #expect(try row("ECO-01")["week_change"] as? Int == 0)
        #expect(try row("ECO-01")["executed_percent"] as? Double == 0.04)
        // RSI2-01: 20,000,000 in W10, 3,000,000 more in W13.
        #expect(try row("RSI2-01")["executed"] as? Int == 23_000_000)
        #expect(try row("RSI2-01")["week_change"] as? Int == 3_000_000)
        #expect(try row("ECO-02")["executed"] as? Int == 2_500_000)
        #expect(try row("ECO")["executed"] as? Int == 3_800_000)
        #expect(try row("RSI2")["executed"] as? Int == 23_000_000)
        #expect((json["total"] as? [String: Any])?["executed"] as? Int == 26_800_000)
        #expect(json["week"] as? String == "2009-W13")
        // A week without a payment is unchanged, not unreported: only the 45 planned sub-projects the file
        // never names are missing, and ECO-01's two quiet weeks below target make it stalled.
        let findings = try #require(json["findings"] as? [[String: Any]])
        let missing = findings.filter { $0["kind"] as? String == "missing" }.compactMap { $0["project"] as? String }
        #expect(missing.count == 45)
        #expect(!missing.contains("ECO-01") && !missing.contains("ECO-02"))
        #expect(findings.contains { $0["kind"] as? String == "stalled" && $0["project"] as? String == "ECO-01" })
    }

    @Test func everyWeekCarriesTheCumulativeFigureThroughWeeksWithoutPayments() {
        func w(_ n: Int) -> ISOWeek { ISOWeek(year: 2009, week: n)! }
        let filled = TransactionsReader.everyWeek([
            Figure(week: w(10), program: "ECO", project: "ECO-01", executed: 1_500_000),
            Figure(week: w(13), program: "ECO", project: "ECO-01", executed: 1_700_000),
            Figure(week: w(12), program: "ECO", project: "ECO-02", executed: 400_000),
        ])
        #expect(filled.filter { $0.project == "ECO-01" }.map(\.executed) == [1_500_000, 1_500_000, 1_500_000, 1_700_000])
        #expect(filled.filter { $0.project == "ECO-02" }.map(\.executed) == [0, 0, 400_000, 400_000])
        #expect(Set(filled.map(\.week)) == [w(10), w(11), w(12), w(13)])
        // As of week 12 the week-13 payment was not known yet; a later figure of the same week wins.
        let asOf12 = TransactionsReader.everyWeek([
            Figure(week: w(13), program: "ECO", project: "ECO-01", executed: 1_700_000),
            Figure(week: w(10), program: "ECO", project: "ECO-01", executed: 1_400_000),
            Figure(week: w(10), program: "ECO", project: "ECO-01", executed: 1_500_000),
        ], through: w(12))
        #expect(asOf12.map(\.executed) == [1_500_000, 1_500_000, 1_500_000])
        #expect(asOf12.map(\.week) == [w(10), w(11), w(12)])
    }

    @Test("a bad payment row stops the run with exit 65 and names file, line and column")
    func badTransactionExits65() throws {
        let folder = Paths.temporaryDirectory("tx-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("payments.csv").path
        try "집행일자,사업코드,세부사업코드,집행액\n2009-03-02,ECO,ECO-01,100\n2009-03-03,ECO,ECO-02,1.5\n".write(toFile: source, atomically: true, encoding: .utf8)
        let config = try Self.config(in: folder, source: source)
        #expect {
            try WeeklyRun(context: Self.context).run(.init(configPath: config, week: ISOWeek("2009-W13")))
        } throws: { error in
            ExitStatus.of(error) == .badData && "\(error)".hasPrefix("\(source):3: column '집행액'")
        }
    }
}


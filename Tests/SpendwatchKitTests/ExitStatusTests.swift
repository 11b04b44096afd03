import Foundation
import Ledger
import Testing
import TestSupport
@testable import SpendwatchKit

/// The real binary's exit codes for the failures an operator meets.
@Suite(.timeLimit(.minutes(3)))
struct ExitStatusTests {
    func spendwatch(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let run = try withTemporaryDirectory("exit") { try SpendwatchProcess.run(arguments, in: $0, name: "spendwatch") }
        return (run.status, run.stderr)
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary), "run `swift build` before the tests")
    }

    @Test func aWeekOutsideThePlansFiscalYearIsAUsageError() throws {
        let demo = try DemoCopy()
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2010-W10"])
        #expect(status == 64)
        #expect(stderr.contains("2010-W10 (2010-03-08 – 2010-03-14) is outside fiscal year 2009"))
        // 2009-W53 ends on 3 January 2010 but holds the last days of 2009: still the plan's.
        #expect(try spendwatch(["run", "--config", demo.config, "--week", "2009-W53", "--dry-run"]).status == 0)
    }

    @Test func aFolderWhereTheFiguresFileShouldBeIs66() throws {
        let demo = try DemoCopy()
        try FileManager.default.removeItem(atPath: demo.path("figures.csv"))
        try FileManager.default.createDirectory(atPath: demo.path("figures.csv"), withIntermediateDirectories: false)
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"])
        #expect(status == 66)
        #expect(stderr.contains("figures not found: \(demo.path("figures.csv"))"))
    }

    @Test func missingFiguresIs66() throws {
        let demo = try DemoCopy()
        try FileManager.default.removeItem(atPath: demo.path("figures.csv"))
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"])
        #expect(status == 66)
        #expect(stderr.contains("figures not found: \(demo.path("figures.csv"))"))
    }

    @Test("bad data is 65 and names file, line and column", arguments: [
        ("", "the figures file is empty"),
        ("주차,사업코드,세부사업코드,세부사업명,누적집행액\n", "the figures file is empty"),
        ("주차,사업코드,세부사업코드,세부사업명,누적집행액\n2009-W26,RSI2,RSI2-01,x,\"12.5\"\n", "figures.csv:2: column '누적집행액': '12.5' is not a whole amount"),
        ("주차,사업코드,세부사업코드,세부사업명,누적집행액\n2009-W99,RSI2,RSI2-01,x,1\n", "figures.csv:2: column '주차': '2009-W99' is neither a week"),
        ("주차,사업코드,세부사업명,누적집행액\n2009-W26,RSI2,x,1\n", "figures.csv:1: column '세부사업코드': required column missing"),
        ("주차,사업코드,세부사업코드,세부사업명,누적집행액\n2009-W26,RSI2,RSI2-01,x,1\n2009-W26,RSI2,RSI2-01,x,2\n", "figures.csv:3: column '세부사업코드': RSI2-01 appears twice for 2009-06-28 (first on line 2)"),
        ("주차,사업코드,세부사업코드,세부사업명,누적집행액\n2009-W26,RSI2,RSI2-01,\"x,1\n", "figures.csv:2: column '세부사업명': a quoted field is never closed"),
    ])
    func badData(csv: String, message: String) throws {
        let demo = try DemoCopy()
        try Data(csv.utf8).write(to: URL(fileURLWithPath: demo.path("figures.csv")))
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"])
        #expect(status == 65)
        #expect(stderr.contains(message), "\(stderr)")
    }

    @Test func badConfigIs78() throws {
        let demo = try DemoCopy()
        try demo.edit("plan.yml", replacing: "budget: 39500000000", with: "budget: 39600000000")
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"])
        #expect(status == 78)
        #expect(stderr.contains("plan.yml:"))
        #expect(stderr.contains("programs[0].budget: sub-project budgets add up to 39,500,000,000원, not the programme budget 39,600,000,000원"))
    }

    @Test func missingConfigIs78() throws {
        let (status, stderr) = try spendwatch(["run", "--config", "/nonexistent/spendwatch.yml"])
        #expect(status == 78)
        #expect(stderr.contains("config file not found: /nonexistent/spendwatch.yml"))
    }

    @Test func unwritableOutputIs73() throws {
        let demo = try DemoCopy()
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26", "--out", "/proc/spendwatch"])
        #expect(status == 73)
        #expect(stderr.contains("cannot write /proc/spendwatch/2009-W26"))
    }

    @Test func unreachableSourceIs69() throws {
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "url: file:figures.csv", with: "url: http://127.0.0.1:9/exec.csv?week={week}")
        let (status, stderr) = try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"])
        #expect(status == 69)
        #expect(stderr.contains("127.0.0.1:9/exec.csv?week=2009-W26"))
    }

    /// An unreachable PostgreSQL ledger is the same failure whichever command meets it (history said 73, run 69).
    @Test("an unreachable PostgreSQL ledger is 69 for every command", arguments: [
        ["run", "--week", "2009-W26"], ["history"], ["deliver", "--pending"], ["backfill", "--from", "2009-W02", "--to", "2009-W03"],
    ])
    func unreachablePostgresLedgerIs69(_ command: [String]) throws {
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "ledger: sqlite:var/spendwatch.sqlite", with: "ledger: postgres://spendwatch@127.0.0.1:9/spendwatch")
        let (status, stderr) = try spendwatch(command + ["--config", demo.config])
        #expect(status == 69, "\(stderr)")
        #expect(stderr.contains("127.0.0.1:9"), "\(stderr)")
    }

    @Test func usageErrorIs64() throws {
        #expect(try spendwatch(["run", "--week", "2009-W60"]).status == 64)
    }

    @Test func failOnExits1AndTheLedgerSaysSo() throws {
        let demo = try DemoCopy()
        #expect(try spendwatch(["run", "--config", demo.config, "--week", "2009-W26", "--fail-on", "critical"]).status == 1)
        #expect(try spendwatch(["run", "--config", demo.config, "--week", "2009-W02", "--fail-on", "warning"]).status == 0)
        #expect(try spendwatch(["run", "--config", demo.config, "--week", "2009-W26"]).status == 0)
        let runs = try Ledger(path: demo.path("var/spendwatch.sqlite")).runs(week: nil)
        // Oldest first by week: W02 (quiet enough), then W26 with and without --fail-on.
        #expect(runs.map(\.exitCode) == [0, 1, 0])
    }

    /// A truncated ledger is refused by every command that opens it, named, and left as it is for the backup.
    @Test("a 0-byte ledger is 73 for every command", arguments: [["run", "--week", "2009-W26"], ["history"], ["deliver", "--pending"]])
    func anEmptyLedgerIs73(_ command: [String]) throws {
        let demo = try DemoCopy()
        let ledger = demo.path("var/spendwatch.sqlite")
        try FileManager.default.createDirectory(atPath: demo.path("var"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: ledger, contents: Data()))
        let (status, stderr) = try spendwatch(command + ["--config", demo.config])
        #expect(status == 73, "\(stderr)")
        #expect(stderr.contains("\(ledger) is empty (0 bytes)"), "\(stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: ledger)[.size] as? NSNumber)?.intValue == 0)
    }

    /// Past `ulimit -f` the kernel's SIGXFSZ ended the run without a word; now the write fails and says where.
    @Test func aFileSizeLimitIs73NamingTheFile() throws {
        let demo = try DemoCopy()
        let command = "ulimit -f 100; exec \"$0\" run --config \"$1\" --week 2009-W26"
        let run = try runProgram("/bin/bash", ["-c", command, SpendwatchProcess.binary, demo.config],
                                 environment: SpendwatchProcess.environment)
        #expect(run.status == 73, "killed by a signal instead? \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("cannot write \(demo.path("var/spendwatch.sqlite"))"), "\(run.stderr)")
        #expect(run.stderr.contains("a file size limit"))
    }

    @Test func aLineBreakInASourceHeaderIsBadConfig() throws {
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "url: file:figures.csv", with: "url: file:figures.csv\n  headers: { Authorization: \"Bearer ${ERP_TOKEN}\" }")
        var environment = SpendwatchProcess.environment
        environment["ERP_TOKEN"] = "t0ken\r\nX-Forged: 1"
        let run = try runProgram(SpendwatchProcess.binary, ["run", "--config", demo.config, "--week", "2009-W26"], environment: environment)
        #expect(run.status == 78)
        #expect(run.stderr.contains("source.headers.Authorization: holds a control character"), "\(run.stderr)")
        #expect(!run.stderr.contains("t0ken"))
    }
}

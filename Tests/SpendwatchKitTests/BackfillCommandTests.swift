import Foundation
import Ledger
import Testing
import TestSupport

struct BackfillCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func underCronBackfillLogsOneLineAndDrawsNoProgress() throws {
        try #require(FileManager.default.isExecutableFile(atPath: SpendwatchProcess.binary))
        let workspace = try HistoryWorkspace()
        // stderr is a file here, as under cron: no progress bar, no per-week chatter.
        let result = try SpendwatchProcess.run(["backfill", "--config", workspace.config, "--from", "2009-W02", "--to", "2009-W05"],
                                               in: workspace.folder, name: "backfill")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("[#"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("nothing sent"))
        #expect(result.stdout.split(separator: "\n").count == 4)
        let runs = try Ledger(path: workspace.ledger).runs()
        #expect(runs.map(\.week) == ["2009-W02", "2009-W03", "2009-W04", "2009-W05"])
        #expect(runs.allSatisfy { $0.trigger == "backfill" })
    }
}

import Budget
import Foundation
@testable import Ledger
import Testing
import TestSupport

/// The same history tests against a SQLite file and a PostgreSQL database.
@Suite(.timeLimit(.minutes(3)))
struct LedgerHistoryTests {
    let w09 = ISOWeek(year: 2009, week: 9)!
    let w10 = ISOWeek(year: 2009, week: 10)!
    let w11 = ISOWeek(year: 2009, week: 11)!


    func figures(_ week: ISOWeek, eco01: Won, budget: Won? = nil) -> [Figure] {
        [Figure(week: week, program: "ECO", project: "ECO-01", executed: eco01, budget: budget, kpis: ["jobs": 3]),
         Figure(week: week, program: "RSI2", project: "RSI2-01", executed: 1_000_000)]
    }

    @Test(arguments: LedgerKind.allCases)
    func runsSnapshotsAndFindingsSurviveReopeningTheLedger(_ kind: LedgerKind) throws {
        let url = try kind.freshURL()
        do {
            let ledger = try Ledger(url: url)
            let run = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "2009-03-09T08:00:00+09:00")
            try ledger.recordSource(runID: run, SourceVersion(url: "figures.csv", digest: "abc123", etag: "\"v1\"", lastModified: "Mon, 09 Mar 2009 00:00:00 GMT"))
            try ledger.record(figures: figures(w09, eco01: 10) + figures(w10, eco01: 20, budget: 3_100_000_000), reportWeek: w10, runID: run, at: "t1")
            try ledger.record(findings: [Finding(severity: .critical, program: "ECO", project: "ECO-01",
                                                 facts: .behind(id: "ECO-01", name: "스타기업 지원", executedPercent: 10,
                                                               targetPercent: 30, shortfall: 1, next: nil))],
                              runID: run, message: { _ in "뒤처짐" })
            try ledger.finishRun(run, outcome: .done, exitCode: 0, finishedAt: "2009-03-09T08:00:05+09:00", reportDigest: "r1")
        }
        let reopened = try Ledger(url: url)
        let runs = try reopened.runs(week: w10)
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.trigger == "scheduled")
        #expect(run.outcome == "done")
        #expect(run.exitCode == 0)
        #expect(run.source.digest == "abc123")
        #expect(run.source.etag == "\"v1\"")
        #expect(run.finishedAt == "2009-03-09T08:00:05+09:00")
        let findings = try reopened.findings(runIDs: [run.id])
        #expect(findings.map(\.message) == ["뒤처짐"])
        let history = try reopened.history(asOf: w10)
        #expect(history.figure(project: "ECO-01", week: w10)?.executed == 20)
        #expect(history.figure(project: "ECO-01", week: w10)?.budget == 3_100_000_000)
        #expect(history.figure(project: "ECO-01", week: w10)?.kpis == ["jobs": 3])
        #expect(history.figure(project: "ECO-01", week: w09)?.executed == 10)
        #expect(try reopened.sourceVersion(ofWeek: w10)?.digest == "abc123")
        #expect(try reopened.sourceVersion(ofWeek: w09) == nil)
    }

    @Test(arguments: LedgerKind.allCases)
    func laterWeeksNeverReachAnEarlierWeeksHistory(_ kind: LedgerKind) throws {
        let ledger = try Ledger(url: try kind.freshURL())
        let run = try ledger.beginRun(week: w11, trigger: .manual, startedAt: "t")
        try ledger.record(figures: figures(w10, eco01: 20) + figures(w11, eco01: 30), reportWeek: w11, runID: run, at: "t")
        #expect(try ledger.history(asOf: w11).weeks == [w10, w11])
        // Only week 11's run has carried these rows: week 10 did not know them yet.
        #expect(try ledger.history(asOf: w10).weeks == [])
        let back = try ledger.beginRun(week: w10, trigger: .backfill, startedAt: "t")
        try ledger.record(figures: figures(w10, eco01: 20) + figures(w11, eco01: 30), reportWeek: w10, runID: back, at: "t")
        #expect(try ledger.history(asOf: w10).weeks == [w10])
        #expect(try ledger.history(asOf: w11).weeks == [w10, w11])
    }

    @Test(arguments: LedgerKind.allCases)
    func aChangedFigureOfAStoredWeekLeavesARevisionAndTheOldValueStaysWhatWeek10Knew(_ kind: LedgerKind) throws {
        let ledger = try Ledger(url: try kind.freshURL())
        let first = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t1")
        #expect(try ledger.record(figures: figures(w10, eco01: 20), reportWeek: w10, runID: first, at: "t1").isEmpty)
        let second = try ledger.beginRun(week: w11, trigger: .scheduled, startedAt: "t2")
        let revisions = try ledger.record(figures: figures(w10, eco01: 25) + figures(w11, eco01: 40), reportWeek: w11, runID: second, at: "t2")
        #expect(revisions.count == 1)
        let revision = try #require(revisions.first)
        #expect(revision.week == w10 && revision.project == "ECO-01")
        #expect(revision.oldExecuted == 20 && revision.newExecuted == 25)
        #expect(revision.noticedWeek == w11)
        #expect(try ledger.revisions(noticedIn: w11).count == 1)
        #expect(try ledger.revisions(noticedIn: w10).isEmpty)
        // Week 11 sees the restated figure; a rerun of week 10 sees what week 10 knew.
        #expect(try ledger.history(asOf: w11).figure(project: "ECO-01", week: w10)?.executed == 25)
        #expect(try ledger.history(asOf: w10).figure(project: "ECO-01", week: w10)?.executed == 20)
        // A rerun of week 10 that brings another value (the source as it stood then, or changed once more)
        // rewrites neither week: week 10 still shows what it knew, week 11 its correction…
        let rerun = try ledger.beginRun(week: w10, trigger: .manual, startedAt: "t3")
        #expect(try ledger.record(figures: figures(w10, eco01: 27), reportWeek: w10, runID: rerun, at: "t3").isEmpty)
        #expect(try ledger.history(asOf: w10).figure(project: "ECO-01", week: w10)?.executed == 20)
        #expect(try ledger.history(asOf: w11).figure(project: "ECO-01", week: w10)?.executed == 25)
        // …and the next current week's run notices a value that really changed, as a restatement of its own.
        let w12 = ISOWeek(year: 2009, week: 12)!
        let third = try ledger.beginRun(week: w12, trigger: .scheduled, startedAt: "t4")
        let later = try ledger.record(figures: figures(w10, eco01: 27) + figures(w12, eco01: 50), reportWeek: w12, runID: third, at: "t4")
        #expect(later.map(\.newExecuted) == [27])
        #expect(try ledger.history(asOf: w12).figure(project: "ECO-01", week: w10)?.executed == 27)
        #expect(try ledger.history(asOf: w10).figure(project: "ECO-01", week: w10)?.executed == 20)
    }

    @Test(arguments: LedgerKind.allCases)
    func storingTheSameFiguresTwiceChangesNoRow(_ kind: LedgerKind) throws {
        let ledger = try Ledger(url: try kind.freshURL())
        let first = try ledger.beginRun(week: w10, trigger: .backfill, startedAt: "t1")
        try ledger.record(figures: figures(w09, eco01: 10) + figures(w10, eco01: 20), reportWeek: w10, runID: first, at: "t1")
        let before = try snapshotRows(ledger)
        let second = try ledger.beginRun(week: w10, trigger: .backfill, startedAt: "t2")
        #expect(try ledger.record(figures: figures(w09, eco01: 10) + figures(w10, eco01: 20), reportWeek: w10, runID: second, at: "t2").isEmpty)
        #expect(try snapshotRows(ledger) == before)
        #expect(before.count == 4)
    }

    @Test(arguments: LedgerKind.allCases)
    func runsThatNeverFinishedShowNoOutcome(_ kind: LedgerKind) throws {
        let ledger = try Ledger(url: try kind.freshURL())
        _ = try ledger.beginRun(week: w10, trigger: .scheduled, startedAt: "t1")
        let run = try #require(try ledger.runs().first)
        #expect(run.outcome == nil && run.finishedAt == nil)
    }

    func snapshotRows(_ ledger: Ledger) throws -> [LedgerRow] {
        try ledger.store.read { try $0.rows("SELECT * FROM snapshot ORDER BY week, project") }
    }
}

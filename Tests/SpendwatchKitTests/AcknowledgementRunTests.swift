import Budget
import Foundation
import Ledger
import Reporting
import Testing
import TestSupport
@testable import SpendwatchKit

/// The task force's acknowledgements through the whole run, on a fixed clock: muted in W24, let through in W27
/// once expired, and overridden when the severity rises.
@Suite(.timeLimit(.minutes(2)))
struct AcknowledgementRunTests {
    /// Monday mornings in Seoul: the scheduled run reports the week that ended the day before.
    static let w24Monday = Date(timeIntervalSince1970: 1_245_020_400)   // 2009-06-15 08:00 KST
    static let w27Monday = Date(timeIntervalSince1970: 1_246_834_800)   // 2009-07-06 08:00 KST

    static let channels = """
        channels:
          - { name: tft-alerts, kind: file, path: out/alerts, min_severity: critical }
        """

    func scheduled(_ workspace: HistoryWorkspace, now: Date) throws -> WeeklyRun.Outcome {
        try WeeklyRun(context: HistoryWorkspace.context(now: now)).run(.init(configPath: workspace.config, trigger: .scheduled))
    }

    func alerts(_ workspace: HistoryWorkspace) throws -> [DeliveryRecord] {
        try Ledger(path: workspace.ledger).deliveries().filter { $0.channel == "tft-alerts" }
    }

    /// Records W24's findings without sending anything, as a first look before the task force meets.
    func backfillW24(_ workspace: HistoryWorkspace) throws -> WeekReport {
        try WeeklyRun(context: HistoryWorkspace.context(now: Self.w24Monday))
            .run(.init(configPath: workspace.config, week: ISOWeek("2009-W24"), trigger: .backfill, deliver: false)).report
    }

    @Test func anAcknowledgementMutesTheAlertInW24AndExpiresByW27() throws {
        let workspace = try HistoryWorkspace(channels: Self.channels)
        let critical = try backfillW24(workspace).findings.filter { $0.severity == .critical }
        #expect(!critical.isEmpty, "the demo's W24 has critical findings, so the alert channel is due")
        let acks = Acknowledgements(context: HistoryWorkspace.context(now: Self.w24Monday))
        for finding in critical {
            _ = try acks.add(configPath: workspace.config, week: try #require(ISOWeek("2009-W24")),
                             subject: Acknowledgement.subject(of: finding), kind: finding.kind,
                             until: try #require(CalendarDate(iso: "2009-06-30")), reason: "입찰 재공고")
        }

        // W24, scheduled by the clock: every critical finding acknowledged, so the alert channel gets nothing.
        let w24 = try scheduled(workspace, now: Self.w24Monday)
        #expect(w24.week.description == "2009-W24")
        #expect(try alerts(workspace).isEmpty)
        // The findings are still in the report, marked with the reason and the date.
        let document = try ReportDocument.decode(w24.rendered.json)
        let marked = document.findings.filter { $0.severity == "critical" }
        #expect(marked.count == critical.count)
        #expect(marked.allSatisfy { $0.acknowledged?.muted == true && $0.acknowledged?.reason == "입찰 재공고" })
        #expect(marked.allSatisfy { $0.acknowledged?.until == "2009-06-30" })
        // Escaped for Markdown: the reason is the task force's own text.
        #expect(w24.rendered.markdown.contains(##"\[확인됨 \#1: 입찰 재공고 · 2009-06-30까지 알림 보류(2009-W24 확인)\]"##))

        // W27 ends on Sunday 5 July, after 30 June: the acknowledgements have run out and the alert goes.
        let w27 = try scheduled(workspace, now: Self.w27Monday)
        #expect(w27.week.description == "2009-W27")
        #expect(try alerts(workspace).map(\.week) == ["2009-W27"])
        #expect(try alerts(workspace).map(\.status) == [.sent])
        let later = try ReportDocument.decode(w27.rendered.json)
        #expect(later.findings.allSatisfy { $0.acknowledged == nil })
    }

    @Test func aFindingWhoseSeverityRoseSinceItsAcknowledgementAlertsAgain() throws {
        let workspace = try HistoryWorkspace(channels: Self.channels)
        let critical = try backfillW24(workspace).findings.filter { $0.severity == .critical }
        // The task force acknowledged these when they were only warnings (stored as such, as `ack` would have).
        let ledger = try Ledger(path: workspace.ledger)
        for finding in critical {
            _ = try ledger.acknowledge(week: try #require(ISOWeek("2009-W23")), subject: Acknowledgement.subject(of: finding),
                                       kind: finding.kind, until: try #require(CalendarDate(iso: "2009-07-15")),
                                       reason: "입찰 재공고", severity: .warning, at: "2009-06-08T09:00:00+09:00")
        }
        let w24 = try scheduled(workspace, now: Self.w24Monday)
        #expect(try alerts(workspace).map(\.week) == ["2009-W24"])
        let document = try ReportDocument.decode(w24.rendered.json)
        let marked = document.findings.filter { $0.severity == "critical" }
        #expect(marked.allSatisfy { $0.acknowledged?.muted == false && $0.acknowledged?.severity == "warning" })
        #expect(w24.rendered.markdown.contains("위험도가 올라 다시 알림"))
    }

    @Test func ackNeedsAFindingTheLedgerHolds() throws {
        let workspace = try HistoryWorkspace(channels: Self.channels)
        _ = try backfillW24(workspace)
        let acks = Acknowledgements(context: HistoryWorkspace.context(now: Self.w24Monday))
        let error = try #require(throws: AcknowledgementError.self) {
            try acks.add(configPath: workspace.config, week: try #require(ISOWeek("2009-W24")), subject: "RSI2-99", kind: .behind,
                         until: try #require(CalendarDate(iso: "2009-07-15")), reason: "입찰 재공고")
        }
        #expect(error.description.contains("no 'behind' finding about RSI2-99 in 2009-W24"))
        #expect(ExitStatus.of(error) == .usage)
        #expect(try acks.list(configPath: workspace.config).isEmpty)
    }
}

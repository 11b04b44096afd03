import Budget
import Foundation
import Ledger
import Reporting
import Testing
import TestSupport
@testable import Delivery

struct OutboxTests {
    let now = "2009-06-29T00:00:00Z"

    func enqueue(_ outbox: Outbox, _ report: RenderedReport, force: Bool = false) throws -> Outbox.Entry {
        let channel = try Sample.webhook(url: "http://127.0.0.1:9/hook")
        return try #require(try outbox.enqueue(week: "2009-W26", report: report, channels: [channel], force: force, now: now,
                                               logger: Sample.logger).first)
    }

    @Test(.timeLimit(.minutes(3)), arguments: LedgerKind.allCases)
    func sameContentKeepsItsKeyAcrossRerunsWhileUnsent(_ kind: LedgerKind) throws {
        let outbox = Outbox(ledger: try Sample.ledger(kind))
        let first = try enqueue(outbox, try Sample.report(generatedAt: "2009-06-29T08:00:00+09:00"))
        let again = try enqueue(outbox, try Sample.report(generatedAt: "2009-06-29T09:30:00+09:00"))
        #expect(first.disposition == .created)
        #expect(again.disposition == .reused)
        #expect(again.record.id == first.record.id)
        #expect(first.record.id.hasPrefix("msg_2009-W26_erp-hook_"))
        let stored = try outbox.ledger.deliveries(week: "2009-W26")
        #expect(stored.count == 1)
        // The payload comes back byte for byte (a BLOB in SQLite, a BYTEA in PostgreSQL).
        #expect(stored.first?.payload == first.record.payload && !first.record.payload.isEmpty)
    }

    @Test(.timeLimit(.minutes(3)), arguments: LedgerKind.allCases)
    func sentContentIsNotSentAgainUnlessForced(_ kind: LedgerKind) throws {
        let outbox = Outbox(ledger: try Sample.ledger(kind))
        let first = try enqueue(outbox, try Sample.report())
        try outbox.ledger.markDeliverySent(id: first.record.id, responseStatus: 200, now: now)
        let rerun = try enqueue(outbox, try Sample.report(generatedAt: "2009-07-01T10:00:00+09:00"))
        #expect(rerun.disposition == .alreadySent)
        #expect(try outbox.ledger.pendingDeliveries().isEmpty)

        let forced = try enqueue(outbox, try Sample.report(), force: true)
        #expect(forced.disposition == .created)
        #expect(forced.record.id != first.record.id)
        #expect(try outbox.ledger.pendingDeliveries().map(\.id) == [forced.record.id])
    }

    @Test(.timeLimit(.minutes(3)), arguments: LedgerKind.allCases)
    func changedFiguresMakeANewDeliveryAndSupersedeTheUnsentOne(_ kind: LedgerKind) throws {
        let outbox = Outbox(ledger: try Sample.ledger(kind))
        let first = try enqueue(outbox, try Sample.report())
        let changed = try enqueue(outbox, try Sample.report(adjust: 5_000_000))
        #expect(changed.disposition == .created)
        #expect(changed.record.id != first.record.id)
        let rows = try outbox.ledger.deliveries(week: "2009-W26")
        #expect(rows.map(\.status) == [.superseded, .pending])
        #expect(rows.first?.lastError == "replaced by \(changed.record.id)")
    }

    @Test(.timeLimit(.minutes(3)), arguments: LedgerKind.allCases)
    func aRefusedDeliveryIsQueuedAgainUnderTheSameKeyByARerun(_ kind: LedgerKind) throws {
        let outbox = Outbox(ledger: try Sample.ledger(kind))
        let first = try enqueue(outbox, try Sample.report())
        try outbox.ledger.markDeliveryFailed(id: first.record.id, error: "HTTP 400: bad", responseStatus: 400, now: now)
        let rerun = try enqueue(outbox, try Sample.report())
        #expect(rerun.disposition == .reused)
        #expect(try outbox.ledger.pendingDeliveries().map(\.id) == [first.record.id])
    }

    @Test func keysDependOnlyOnWeekChannelAndContent() throws {
        // A fresh ledger (lost, or another node) gives the same key, so a receiver still recognises a repeat.
        let a = try enqueue(Outbox(ledger: try Sample.ledger()), try Sample.report())
        let b = try enqueue(Outbox(ledger: try Sample.ledger()), try Sample.report(generatedAt: "2010-01-01T00:00:00+09:00"))
        #expect(a.record.id == b.record.id)
    }

    @Test(arguments: [("2009-W02", Severity.info, false), ("2009-W03", .critical, false), ("2009-W03", .warning, true),
                      ("2009-W26", .critical, true)])
    func alertChannelsGetOnlyWeeksWithAFindingAtTheirLevel(_ week: String, _ level: Severity, _ due: Bool) throws {
        // 2009-W02 of the demo is quiet; 2009-W03 has warnings and no critical finding.
        let alert = try Sample.webhook("alerts", url: "http://127.0.0.1:9/", minSeverity: level)
        let weekly = try Sample.webhook("weekly", url: "http://127.0.0.1:9/", minSeverity: nil)
        let entries = try Outbox(ledger: try Sample.ledger()).enqueue(week: week, report: try Sample.report(week: week),
                                                                      channels: [alert, weekly], force: false, now: now,
                                                                      logger: Sample.logger)
        #expect(entries.map(\.channel) == (due ? ["alerts", "weekly"] : ["weekly"]))
    }

    @Test(arguments: LedgerKind.allCases)
    func anUnsentAlertIsWithdrawnWhenCorrectedFiguresMakeTheWeekQuiet(_ kind: LedgerKind) throws {
        let ledger = try Sample.ledger(kind)
        let alert = try Sample.webhook("alerts", url: "http://127.0.0.1:9/", minSeverity: .warning)
        let first = try Outbox(ledger: ledger).enqueue(week: "2009-W03", report: try Sample.report(week: "2009-W03"),
                                                       channels: [alert], force: false, now: now, logger: Sample.logger)
        #expect(first.count == 1)
        // The rerun's figures (those of the quiet W02, standing in for corrected ones) raise no warning.
        let again = try Outbox(ledger: ledger).enqueue(week: "2009-W03", report: try Sample.report(week: "2009-W02"),
                                                       channels: [alert], force: false, now: now, logger: Sample.logger)
        #expect(again.isEmpty)
        #expect(try ledger.deliveries(week: "2009-W03").map(\.status) == [.superseded])
        #expect(try ledger.pendingDeliveries().isEmpty)
    }

    @Test func channelNamesThatOnlyDifferInPunctuationOrHangulNeverShareAKey() {
        let names = ["erp-hook", "erp.hook", "erp_hook", "재정팀", "기획팀"]
        let keys = names.map { Outbox.key(week: "2009-W26", channel: $0, digest: "abc") }
        #expect(Set(keys).count == 5)
        #expect(keys[0] == "msg_2009-W26_erp-hook_abc")
        #expect(keys == names.map { Outbox.key(week: "2009-W26", channel: $0, digest: "abc") })
    }
}

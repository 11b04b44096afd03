import Budget
import Testing
import TestSupport
@testable import Ledger

/// `spendwatch ack`'s storage: the same rows in a SQLite file and in PostgreSQL.
@Suite(.timeLimit(.minutes(1)))
struct AcknowledgementLedgerTests {
    @Test(arguments: LedgerKind.allCases)
    func acknowledgementsAreStoredListedAndRemovedInEitherDatabase(_ kind: LedgerKind) throws {
        let url = try kind.freshURL()
        let ledger = try Ledger(url: url)
        let week = try #require(ISOWeek("2009-W24"))
        let until = try #require(CalendarDate(iso: "2009-07-15"))
        let first = try ledger.acknowledge(week: week, subject: "RSI2-09", kind: .behind, until: until, reason: "입찰 재공고",
                                           severity: .critical, at: "2009-06-15T09:00:00+09:00")
        let second = try ledger.acknowledge(week: week, subject: "ECO", kind: .lapseRisk, until: until, reason: "이월 승인 예정",
                                            severity: .warning, at: "2009-06-15T09:05:00+09:00")
        #expect(second.id > first.id)

        // A reopened ledger reads back what was stored, field by field.
        let stored = try Ledger(url: url).acknowledgements()
        #expect(stored == [first, second])
        #expect(stored.first?.reason == "입찰 재공고")
        #expect(stored.first?.until == until)

        #expect(try ledger.removeAcknowledgement(id: first.id))
        #expect(try !ledger.removeAcknowledgement(id: first.id))
        #expect(try ledger.acknowledgements() == [second])
    }
}

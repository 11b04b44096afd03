import Budget
import Testing
@testable import SpendwatchKit

/// Which weeks a run without `--week` reports: what the ledger has not completed, oldest first, at most
/// `catch_up_weeks`, never outside the plan's fiscal year.
struct CatchUpTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let current: String
        let lastCompleted: String?
        let limit: Int
        let due: [String]
        var testDescription: String { "\(lastCompleted ?? "nothing") done, now \(current), limit \(limit)" }
    }

    @Test(arguments: [
        Case(current: "2009-W26", lastCompleted: nil, limit: 4, due: ["2009-W26"]),
        Case(current: "2009-W26", lastCompleted: "2009-W25", limit: 4, due: ["2009-W26"]),
        Case(current: "2009-W26", lastCompleted: "2009-W26", limit: 4, due: ["2009-W26"]),
        Case(current: "2009-W26", lastCompleted: "2009-W24", limit: 4, due: ["2009-W25", "2009-W26"]),
        Case(current: "2009-W26", lastCompleted: "2009-W10", limit: 4, due: ["2009-W23", "2009-W24", "2009-W25", "2009-W26"]),
        Case(current: "2009-W26", lastCompleted: "2009-W24", limit: 1, due: ["2009-W26"]),
        // The first week of 2009 begins on 29 December 2008: it shares days with the fiscal year, W52 of 2008 does not.
        Case(current: "2009-W02", lastCompleted: "2008-W51", limit: 4, due: ["2009-W01", "2009-W02"]),
    ])
    func theWeeksDue(_ c: Case) throws {
        let due = ScheduledRun.catchUp(current: try #require(ISOWeek(c.current)), lastCompleted: c.lastCompleted.flatMap { ISOWeek($0) },
                                       limit: c.limit, fiscalYear: 2009)
        #expect(due.map(\.description) == c.due)
    }
}

import Testing
@testable import Budget

struct EarlyExecutionCurveTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// 30 % by 31 March, 60 % by 30 June, 100 % by 31 December 2009.
    static let curve2009 = EarlyExecutionCurve(fiscalYear: 2009, milestones: [
        Milestone(date: day("2009-03-31"), basisPoints: 3_000),
        Milestone(date: day("2009-06-30"), basisPoints: 6_000),
        Milestone(date: day("2009-12-31"), basisPoints: 10_000),
    ])

    @Test("target amounts, hand-computed", arguments: [
        // Before the year starts and on its first point: nothing is due.
        ("2008-12-01", Won(900_000_000), Won(0)),
        ("2008-12-31", 900_000_000, 0),
        // Before the first milestone: 31 of 90 days of the way to 30 %.
        ("2009-01-31", 900_000_000, 93_000_000),
        // On a milestone.
        ("2009-03-31", 900_000_000, 270_000_000),
        // Between two milestones: 45 of 91 days from 30 % to 60 %.
        ("2009-05-15", 9_100_000_000, 4_080_000_000),
        ("2009-06-30", 1_000_000_000, 600_000_000),
        // After the last milestone the curve stays at its last value.
        ("2010-01-15", 1_000_000_000, 1_000_000_000),
        // Rounded up to the won: 7 × 10.33 % = 0.72 won is 1 won due.
        ("2009-01-31", 7, 1),
    ])
    func targetAmount(date: String, budget: Won, expected: Won) {
        #expect(Self.curve2009.targetAmount(of: budget, on: Self.day(date)) == expected)
    }

    @Test func percentBetweenMilestones() {
        let p = Self.curve2009.percent(on: Self.day("2009-05-15"))
        #expect(abs(p - (30 + 30 * 45.0 / 91)) < 1e-9)
        #expect(Self.curve2009.percent(on: Self.day("2009-12-31")) == 100)
    }

    @Test func leapYearCountsTwentyNinthOfFebruary() throws {
        let curve = EarlyExecutionCurve(fiscalYear: 2012, milestones: [Milestone(date: Self.day("2012-03-31"), basisPoints: 3_000)])
        let leapDay = try #require(CalendarDate(year: 2012, month: 2, day: 29))
        // 31 Dec 2011 → 31 Mar 2012 is 91 days in a leap year; 29 Feb is day 60.
        #expect(curve.targetAmount(of: 9_100_000_000, on: leapDay) == 1_800_000_000)
        #expect(CalendarDate(year: 2009, month: 2, day: 29) == nil)
    }

    @Test func nextMilestoneIsStrictlyAfter() {
        #expect(Self.curve2009.nextMilestone(after: Self.day("2009-03-31"))?.date == Self.day("2009-06-30"))
        #expect(Self.curve2009.nextMilestone(after: Self.day("2009-06-28"))?.date == Self.day("2009-06-30"))
        #expect(Self.curve2009.nextMilestone(after: Self.day("2009-12-31")) == nil)
    }

    @Test func hugeBudgetsDoNotOverflow() {
        // ₩900조: the intermediate product exceeds Int64, the result does not.
        let budget: Won = 900_000_000_000_000
        #expect(Self.curve2009.targetAmount(of: budget, on: Self.day("2009-01-31")) == 93_000_000_000_000)
    }
}

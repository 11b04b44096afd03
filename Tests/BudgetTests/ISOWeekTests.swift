import Testing
@testable import Budget

struct ISOWeekTests {
    @Test("weeks across year boundaries", arguments: [
        ("2008-12-29", "2009-W01"),   // Monday of 2009's first week is still in 2008
        ("2010-01-01", "2009-W53"),   // 2009 has 53 weeks
        ("2010-01-03", "2009-W53"),
        ("2010-01-04", "2010-W01"),
        ("2021-01-03", "2020-W53"),
        ("2024-12-30", "2025-W01"),
        ("2009-03-22", "2009-W12"),
    ])
    func weekContaining(date: String, week: String) throws {
        #expect(ISOWeek(containing: try #require(CalendarDate(iso: date))).description == week)
    }

    @Test func sundayIsTheAsOfDay() throws {
        let week = try #require(ISOWeek("2009-W12"))
        #expect(week.monday.description == "2009-03-16")
        #expect(week.sunday.description == "2009-03-22")
        #expect(try #require(ISOWeek("2009-W53")).sunday.description == "2010-01-03")
    }

    @Test("rejects weeks a year does not have", arguments: ["2010-W53", "2009-W00", "2009-W54", "2009-12", "W12", "2009-Wx",
                                                                 "209-W12", "20091-W12", "2009--W12", "2009-W123", "2009-W", " 2009-W12", "+200-W12", "２００９-W12"])
    func rejects(text: String) {
        #expect(ISOWeek(text) == nil)
    }

    @Test("reads the spellings exports use", arguments: [("2009-W12", "2009-W12"), ("2009W12", "2009-W12"), ("2009-w5", "2009-W05"),
                                                          ("2009w05", "2009-W05"), ("2009-W53", "2009-W53")])
    func parses(text: String, week: String) {
        #expect(ISOWeek(text)?.description == week)
    }

    @Test func arithmeticCrossesYears() throws {
        let w = try #require(ISOWeek("2009-W02"))
        #expect(w.adding(weeks: -2).description == "2008-W52")
        #expect(try #require(ISOWeek("2009-W53")).adding(weeks: 1).description == "2010-W01")
        #expect(try #require(ISOWeek("2010-W02")).weeks(since: w) == 53)
    }
}

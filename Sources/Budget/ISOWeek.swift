/// An ISO-8601 week, Monday to Sunday, written `2009-W12`.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let week: Int

    /// Returns nil for a week the year does not have (2009-W54, 2010-W53).
    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The week that contains `date`.
    public init(containing date: CalendarDate) {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let y = thursday.year
        let firstMonday = ISOWeek.mondayOfWeekOne(y)
        year = y
        week = (date.dayNumber - firstMonday.dayNumber) / 7 + 1
    }

    /// Parses `2009-W12` (also `2009W12`, `2009-w12`), from the bytes: it runs once per row of an export.
    public init?(_ text: some StringProtocol) {
        var y = 0, n = 0, yearDigits = 0, weekDigits = 0
        var stage = 0  // 0: year digits, 1: after '-', 2: after 'W'
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte &- 0x30)
                switch stage {
                case 0: y = y * 10 + digit; yearDigits += 1
                case 2: n = n * 10 + digit; weekDigits += 1
                default: return nil
                }
                guard yearDigits <= 4, weekDigits <= 2 else { return nil }
            case UInt8(ascii: "-") where stage == 0 && yearDigits == 4: stage = 1
            case UInt8(ascii: "W"), UInt8(ascii: "w"):
                guard stage < 2, yearDigits == 4 else { return nil }
                stage = 2
            default: return nil
            }
        }
        guard stage == 2, weekDigits >= 1 else { return nil }
        self.init(year: y, week: n)
    }

    public var monday: CalendarDate { ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7) }
    /// Figures for a week are as of its Sunday.
    public var sunday: CalendarDate { monday.adding(days: 6) }

    public func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: monday.adding(days: weeks * 7)) }

    /// Whole weeks from `other` to this week (positive when this week is later).
    public func weeks(since other: ISOWeek) -> Int { (monday.dayNumber - other.monday.dayNumber) / 7 }

    public var description: String { "\(pad(year, 4))-W\(pad(week, 2))" }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let week = ISOWeek(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO week: \(text)"))
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func mondayOfWeekOne(_ year: Int) -> CalendarDate {
        // Week 1 is the week with the year's first Thursday, i.e. the one holding 4 January.
        let jan4 = CalendarDate(checkedYear: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }

    static func weeksIn(year: Int) -> Int {
        ISOWeek(containing: CalendarDate(checkedYear: year, month: 12, day: 28)).week
    }
}

import Budget
import Foundation

/// Turns an instant into the plan's calendar: days and ISO weeks in its time zone.
public struct WeekClock: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The calendar day of `date` in the time zone.
    public func day(of date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        // Gregorian components of a real instant always form a valid day.
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(dayNumber: 0)
    }

    /// The last week whose Sunday has ended: even late on a Sunday, that week is still open.
    public func lastCompleteWeek(now: Date) -> ISOWeek {
        ISOWeek(containing: day(of: now)).adding(weeks: -1)
    }
}

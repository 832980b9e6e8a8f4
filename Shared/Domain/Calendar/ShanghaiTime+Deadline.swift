public import Foundation

extension ShanghaiTime {
    /// A deadline as staff read it, in Beijing time to the minute: `2026-12-24 17:30`, and an
    /// end of day as `2026-12-24 24:00` (the law's form), never as 00:00 of the next day.
    ///
    /// - Precondition: `instant` lies within years 1 ... 9999 in Shanghai time.
    public static func deadlineText(_ instant: Date) -> String {
        let (day, minute) = dayAndMinute(instant)
        return day.description + " " + clockText(minute)
    }

    /// An instant as a letter or a 交办单 writes it, in Beijing time to the minute:
    /// `2026年12月4日 22:28`, an end of day as `2026年12月24日 24:00`.
    ///
    /// - Precondition: `instant` lies within years 1 ... 9999 in Shanghai time.
    public static func chineseText(_ instant: Date) -> String {
        let (day, minute) = dayAndMinute(instant)
        return "\(day.year)年\(day.month)月\(day.day)日 " + clockText(minute)
    }

    /// The Shanghai day and minute of the day; midnight belongs to the day it ends (24:00).
    private static func dayAndMinute(_ instant: Date) -> (day: LocalDate, minute: Int) {
        let seconds = Int((instant.timeIntervalSince1970 + Double(secondsFromUTC)).rounded(.down))
        if floorMod(seconds, 86_400) == 0 {
            return (LocalDate(uncheckedDayNumber: floorDiv(seconds, 86_400) - 1), 24 * 60)
        }
        return (LocalDate(uncheckedDayNumber: floorDiv(seconds, 86_400)), floorMod(seconds, 86_400) / 60)
    }

    private static func clockText(_ minuteOfDay: Int) -> String {
        LocalDate.padded(minuteOfDay / 60, width: 2) + ":" + LocalDate.padded(minuteOfDay % 60, width: 2)
    }
}

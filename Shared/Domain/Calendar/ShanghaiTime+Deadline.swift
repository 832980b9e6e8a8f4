public import Foundation

extension ShanghaiTime {
    /// A deadline as staff read it, in Beijing time to the minute: `2026-12-24 17:30`, and an
    /// end of day as `2026-12-24 24:00` (the law's form), never as 00:00 of the next day.
    ///
    /// - Precondition: `instant` lies within years 1 ... 9999 in Shanghai time.
    public static func deadlineText(_ instant: Date) -> String {
        let seconds = Int((instant.timeIntervalSince1970 + Double(secondsFromUTC)).rounded(.down))
        if floorMod(seconds, 86_400) == 0 {
            return LocalDate(uncheckedDayNumber: floorDiv(seconds, 86_400) - 1).description + " 24:00"
        }
        let day = LocalDate(uncheckedDayNumber: floorDiv(seconds, 86_400))
        let minuteOfDay = floorMod(seconds, 86_400) / 60
        return day.description + " " + LocalDate.padded(minuteOfDay / 60, width: 2) + ":" + LocalDate.padded(minuteOfDay % 60, width: 2)
    }
}

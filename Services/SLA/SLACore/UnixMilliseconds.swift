import Domain
import Foundation

// Clocks store and send instants as Unix milliseconds; the calendar works on `Date`.

extension Date {
    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }

    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

extension Int64 {
    /// `2025-10-15T00:00:00+08:00`, for messages to people (the raw number outside years 1–9999).
    var iso8601: String {
        let date = Date(unixMilliseconds: self)
        return LocalDate(validating: date) == nil ? "\(self) ms" : ShanghaiTime.iso8601(date)
    }
}

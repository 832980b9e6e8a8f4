public import Foundation

// Instants (`Date`) meet calendar dates only here, always in Asia/Shanghai. China has kept UTC+8
// without daylight saving since its last DST period ended in September 1991, so a fixed +08:00
// offset is exact for every date Suban handles (and a tz database look-up would only cost time and
// depend on the host's zoneinfo files). Dates before 1991-09 would need the tz database.

extension LocalDate {
    /// The Asia/Shanghai calendar date at `instant`.
    ///
    /// - Precondition: `instant` lies within 0001-01-01 ... 9999-12-31 (Shanghai time); use
    ///   `LocalDate(validating:)` for instants that come from outside.
    public init(containing instant: Date) {
        self.init(uncheckedDayNumber: LocalDate.dayNumber(ofSecondsSince1970: instant.timeIntervalSince1970))
    }

    /// The Asia/Shanghai calendar date at `instant`, or `nil` when it lies outside the supported
    /// years (or is not finite).
    public init?(validating instant: Date) {
        let seconds = instant.timeIntervalSince1970
        guard seconds.isFinite, seconds >= LocalDate.earliest.startSecondsSince1970,
            seconds < LocalDate.latest.endSecondsSince1970
        else { return nil }
        self.init(uncheckedDayNumber: LocalDate.dayNumber(ofSecondsSince1970: seconds))
    }

    /// 00:00 of this date in Asia/Shanghai.
    public var startInstant: Date { Date(timeIntervalSince1970: startSecondsSince1970) }

    /// 24:00 of this date in Asia/Shanghai, which is 00:00 of the next day: the end of a deadline
    /// whose last day is this date (民法典 §203: the last day ends at 24:00).
    public var endInstant: Date { Date(timeIntervalSince1970: endSecondsSince1970) }

    var startSecondsSince1970: Double {
        Double(dayNumber * 86_400 - ShanghaiTime.secondsFromUTC)
    }

    var endSecondsSince1970: Double {
        Double((dayNumber + 1) * 86_400 - ShanghaiTime.secondsFromUTC)
    }

    /// The Shanghai day number of a finite, range-checked Unix time.
    static func dayNumber(ofSecondsSince1970 seconds: Double) -> Int {
        let local = (seconds + Double(ShanghaiTime.secondsFromUTC)).rounded(.down)
        return floorDiv(Int(local), 86_400)
    }
}

public import Foundation

/// Asia/Shanghai wall-clock time and the ISO 8601 timestamps Suban prints and reads.
///
/// Suban prints every instant with the `+08:00` offset (`2025-10-09T00:00:00+08:00`), because the
/// bureau, the platform and the law all reason in Beijing time, and accepts any ISO 8601
/// timestamp with `Z` or an explicit offset, because other systems send UTC.
public enum ShanghaiTime {
    /// Asia/Shanghai is UTC+8 all year: China has observed no daylight saving time since 1991.
    public static let secondsFromUTC = 8 * 3600

    /// `instant` as `YYYY-MM-DDTHH:MM:SS+08:00`, with `.SSS` after the seconds only when the
    /// instant, rounded to the nearest millisecond, is not a whole second. (Rounding rather than
    /// truncating, because 1.123 s is stored as 1.12299… and must still print as `.123`.)
    ///
    /// - Precondition: `instant` lies within years 1 ... 9999 in Shanghai time.
    public static func iso8601(_ instant: Date) -> String {
        let totalMilliseconds = Int(((instant.timeIntervalSince1970 + Double(secondsFromUTC)) * 1000).rounded())
        let wholeSeconds = floorDiv(totalMilliseconds, 1000)
        let milliseconds = floorMod(totalMilliseconds, 1000)
        let date = LocalDate(uncheckedDayNumber: floorDiv(wholeSeconds, 86_400))
        let secondOfDay = floorMod(wholeSeconds, 86_400)
        var text =
            date.description + "T" + LocalDate.padded(secondOfDay / 3600, width: 2) + ":"
            + LocalDate.padded(secondOfDay / 60 % 60, width: 2) + ":" + LocalDate.padded(secondOfDay % 60, width: 2)
        if milliseconds > 0 {
            text += "." + LocalDate.padded(milliseconds, width: 3)
        }
        return text + "+08:00"
    }

    /// Parses an ISO 8601 timestamp `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`, or returns
    /// `nil`.
    ///
    /// The offset is required: a timestamp without one is ambiguous, and guessing the zone is
    /// how holiday feeds end up a day off. `T24:00:00` is accepted as the end of that day, the
    /// form in which the law states deadlines.
    public static func parseISO8601(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let date = LocalDate(text: bytes[0..<10]),
            let hour = LocalDate.decimal(bytes[11..<13]),
            let minute = LocalDate.decimal(bytes[14..<16]),
            let second = LocalDate.decimal(bytes[17..<19])
        else { return nil }
        guard minute < 60, second < 60, hour < 24 || (hour == 24 && minute == 0 && second == 0) else { return nil }

        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            let digitsStart = index + 1
            index = digitsStart
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard index > digitsStart, index - digitsStart <= 9,
                let digits = LocalDate.decimal(bytes[digitsStart..<index])
            else { return nil }
            fraction = Double(digits) / pow(10, Double(index - digitsStart))
            if hour == 24, digits != 0 { return nil }
        }
        guard let offset = parseOffset(bytes[index...]) else { return nil }

        let localSeconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(localSeconds - offset) + fraction)
    }

    /// Seconds east of UTC for `Z`, `±HH:MM` or `±HHMM`, or `nil`.
    private static func parseOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let sign = bytes.first else { return nil }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            return bytes.count == 1 ? 0 : nil
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes.dropFirst())
        let hourDigits: ArraySlice<UInt8>
        let minuteDigits: ArraySlice<UInt8>
        switch rest.count {
        case 5 where rest[2] == UInt8(ascii: ":"):
            hourDigits = rest[0..<2]
            minuteDigits = rest[3..<5]
        case 4:
            hourDigits = rest[0..<2]
            minuteDigits = rest[2..<4]
        default:
            return nil
        }
        guard let hours = LocalDate.decimal(hourDigits), let minutes = LocalDate.decimal(minuteDigits),
            hours <= 23, minutes <= 59
        else { return nil }
        let magnitude = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }
}

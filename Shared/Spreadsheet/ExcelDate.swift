import Foundation

/// Excel's date serial numbers (the 1900 date system): whole days since 1899-12-30, with the time
/// of day as the fraction. Day 60 is Excel's fictitious 1900-02-29, which is why the writer only
/// accepts days from 1900-03-01 on, where the count is the plain number of days.
enum ExcelDate {
    /// Serial of 1970-01-01, to convert from Unix days.
    static let unixEpochSerial = 25_569
    /// Serials of 1900-03-01 and 9999-12-31, the range the writer accepts.
    static let firstSerial = 61
    static let lastSerial = 2_958_465
    /// Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact
    /// for every date a report holds.
    static let shanghaiOffset: TimeInterval = 8 * 3600

    /// The serial of a calendar day, or nil if the day does not exist or is out of range.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (1900...9999).contains(year)
        else { return nil }
        let serial = unixDays(year: year, month: month, day: day) + unixEpochSerial
        return (firstSerial...lastSerial).contains(serial) ? serial : nil
    }

    /// The serial of an instant as wall-clock time in Asia/Shanghai, or nil if out of range.
    static func serial(_ date: Date) -> Double? {
        let serial = (date.timeIntervalSince1970 + shanghaiOffset) / 86_400 + Double(unixEpochSerial)
        guard serial.isFinite, serial >= Double(firstSerial), serial < Double(lastSerial + 1) else { return nil }
        return serial
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian day (Howard Hinnant's
    /// `days_from_civil`, which needs no calendar object and no time zone).
    static func unixDays(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

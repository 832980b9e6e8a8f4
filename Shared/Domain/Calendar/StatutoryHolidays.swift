import Foundation
import Synchronization

/// The days off the law itself gives every year, before any notice: 《全国年节及纪念日放假办法》,
/// as revised by the State Council in November 2024 and in force from 2025 — 元旦 1 day, 春节 4
/// days (除夕 to 正月初三), 清明 1, 劳动节 2 (May 1–2), 端午 1, 中秋 1, 国庆 3 (October 1–3).
/// Earlier years follow the 2013 text (春节 正月初一 to 初三, 劳动节 May 1 only).
///
/// A year whose notice is not loaded counts these days off instead of every weekday, marked
/// provisional: the notice adds the bridging days and the make-up working days (调休) that only
/// it can say, and replaces them when loaded. Lunar dates come from the Chinese calendar of the
/// system's ICU; 清明 from the solar-term formula of the 21st century.
enum StatutoryHolidays {
    /// Computed once per year: a year costs about a hundred calendar conversions.
    private static let cache = Mutex<[Int: [HolidayYear.Day]]>([:])

    static func daysOff(in year: Int) -> [HolidayYear.Day] {
        if let days = cache.withLock({ $0[year] }) { return days }
        let days = compute(year)
        cache.withLock { $0[year] = days }
        return days
    }

    private static func compute(_ year: Int) -> [HolidayYear.Day] {
        func day(_ month: Int, _ day: Int, _ name: String) -> HolidayYear.Day {
            HolidayYear.Day(
                date: LocalDate(uncheckedDayNumber: LocalDate.daysFromCivil(year: year, month: month, day: day)),
                name: name)
        }
        let revised = year >= 2025
        var days = [day(1, 1, "元旦"), day(5, 1, "劳动节"), day(10, 1, "国庆节"), day(10, 2, "国庆节"), day(10, 3, "国庆节")]
        if revised { days.append(day(5, 2, "劳动节")) }
        days.append(day(4, qingmingDay(year), "清明节"))
        if let newYear = lunarDay(month: 1, day: 1, in: year, searchingFrom: (1, 20)) {
            let first = revised ? -1 : 0
            for offset in first...2 {
                days.append(
                    HolidayYear.Day(date: LocalDate(uncheckedDayNumber: newYear.dayNumber + offset), name: "春节"))
            }
        }
        if let dragonBoat = lunarDay(month: 5, day: 5, in: year, searchingFrom: (5, 25)) {
            days.append(HolidayYear.Day(date: dragonBoat, name: "端午节"))
        }
        if let midAutumn = lunarDay(month: 8, day: 15, in: year, searchingFrom: (9, 5)) {
            days.append(HolidayYear.Day(date: midAutumn, name: "中秋节"))
        }
        return days.sorted { $0.date < $1.date }
    }

    /// 清明: [Y × 0.2422 + 4.81] − [Y / 4] of April for Y the year within its century (exact for
    /// 2000–2099); April 5 outside it, where a provisional day may be one off.
    static func qingmingDay(_ year: Int) -> Int {
        guard (2000...2099).contains(year) else { return 5 }
        let y = year - 2000
        return Int((Double(y) * 0.2422 + 4.81).rounded(.down)) - y / 4
    }

    /// The Gregorian date of the lunar `month`/`day` (not of a leap month) in the 40 days from
    /// `start` of `year`: every such festival falls in a window that short.
    private static func lunarDay(month: Int, day: Int, in year: Int, searchingFrom start: (month: Int, day: Int))
        -> LocalDate?
    {
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = TimeZone(secondsFromGMT: ShanghaiTime.secondsFromUTC) ?? .gmt
        let first = LocalDate.daysFromCivil(year: year, month: start.month, day: start.day)
        for dayNumber in first..<(first + 40) {
            let date = LocalDate(uncheckedDayNumber: dayNumber)
            let noon = Date(
                timeIntervalSince1970: Double(dayNumber) * 86_400 + 12 * 3600 - Double(ShanghaiTime.secondsFromUTC))
            let lunar = chinese.dateComponents([.month, .day, .isLeapMonth], from: noon)
            if lunar.month == month, lunar.day == day, lunar.isLeapMonth != true { return date }
        }
        return nil
    }
}

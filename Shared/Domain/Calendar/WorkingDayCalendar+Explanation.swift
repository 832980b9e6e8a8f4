public import Foundation

/// Why a day-counted deadline falls where it does: the days between its start and its last day
/// that did not count, the weekend days that did (调休上班), and the holiday notices read.
public struct DeadlineExplanation: Sendable, Hashable {
    public struct Day: Sendable, Hashable {
        public var date: LocalDate
        /// The holiday, 周六 or 周日 for a plain weekend, or the holiday a make-up day pays for.
        public var name: String
    }

    public var skippedDays: [Day]
    public var workedWeekendDays: [Day]
    /// Per year the span touches: the notice it was counted by, or that none is loaded.
    public var notices: [String]
}

extension WorkingDayCalendar {
    /// The longest span explained day by day (a year and some): longer ones list the notices only.
    static let explainedDays = 400

    /// The explanation of a deadline that runs from `start` to `due` (24:00 of its last day).
    public func explain(start: Date, due: Date) -> DeadlineExplanation {
        let first = LocalDate(containing: start)
        let last = LocalDate(containing: due.addingTimeInterval(-0.001))
        var skipped: [DeadlineExplanation.Day] = []
        var worked: [DeadlineExplanation.Day] = []
        let span = first.days(to: last)
        if span > 0 && span <= Self.explainedDays {
            for offset in 1...span {
                guard let day = first.adding(days: offset) else { break }
                let notice = holidayYears[day.year]
                if !isWorkingDay(day) {
                    let days =
                        notice?.daysOff
                        ?? (countsStatutoryDaysOff(in: day.year) ? StatutoryHolidays.daysOff(in: day.year) : [])
                    let holiday = days.first { $0.date == day }?.name
                    skipped.append(.init(date: day, name: holiday ?? (day.weekday == .saturday ? "周六" : "周日")))
                } else if day.isWeekend {
                    let pays = notice?.workingWeekendDays.first { $0.date == day }?.name
                    worked.append(.init(date: day, name: pays.map { "\($0)调休上班" } ?? "调休上班"))
                }
            }
        }
        let notices = (first.year...max(first.year, last.year)).map { year in
            guard let notice = holidayYears[year] else {
                guard countsStatutoryDaysOff(in: year) else { return "\(year) 年：放假通知未载入，按周一至周五计（暂定）" }
                return "\(year) 年：放假通知未载入，暂按《全国年节及纪念日放假办法》的法定假日计，不含调休（暂定）"
            }
            return "\(year) 年：\(notice.notice)" + (notice.published.map { "（\($0) 发布）" } ?? "")
        }
        return DeadlineExplanation(skippedDays: skipped, workedWeekendDays: worked, notices: notices)
    }
}

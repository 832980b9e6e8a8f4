import Domain
import Foundation
import Testing

/// A deadline explains itself: the days it did not count, the weekend days it did, the notices read.
@Suite("Deadlines: how they were counted")
struct DeadlineExplanationTests {
    @Test func aDeadlineOverNationalDaySaysWhichDaysDidNotCountAndWhichWeekendDidByNotice() throws {
        let calendar = WorkingDayCalendar.shipped
        let start = try #require(LocalDate("2025-09-26")).startInstant.addingTimeInterval(10 * 3600)
        let deadline = try calendar.deadline(workingDays: 4, from: start)
        let explanation = calendar.explain(start: start, due: deadline.instant)
        // 9-27 is a Saturday off; 9-28 a Sunday worked (调休), 9-29 and 9-30 count; 10-01 to 10-08
        // are the holiday; 10-09 is the fourth working day.
        #expect(deadline.lastDay?.description == "2025-10-09")
        #expect(explanation.workedWeekendDays.map(\.date.description) == ["2025-09-28"])
        #expect(explanation.workedWeekendDays.first?.name == "国庆节、中秋节调休上班")
        #expect(explanation.skippedDays.map(\.date.description) == ["2025-09-27"] + (1...8).map { "2025-10-0\($0)" })
        #expect(explanation.skippedDays.first?.name == "周六")
        #expect(explanation.skippedDays.last?.name.contains("国庆") == true)
        #expect(explanation.notices.count == 1 && explanation.notices[0].hasPrefix("2025 年："))
        #expect(!explanation.notices[0].contains("未载入"))
    }

    @Test func aYearWithoutItsNoticeIsNamedAsCountedMondayToFriday() {
        let calendar = WorkingDayCalendar(years: [])
        let start = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01, a Friday, 08:00 in Beijing
        let explanation = calendar.explain(start: start, due: start.addingTimeInterval(9 * 86_400))
        #expect(explanation.notices == ["2100 年：放假通知未载入，按周一至周五计（暂定）"])
        #expect(explanation.skippedDays.allSatisfy { $0.name == "周六" || $0.name == "周日" })
        #expect(
            explanation.skippedDays.map(\.date.description) == ["2100-01-02", "2100-01-03", "2100-01-09", "2100-01-10"])
    }

    @Test func rulesReadInChinese() {
        #expect(DueRule.minutes(30).label == "30 分钟")
        #expect(DueRule.minutes(240).label == "4 小时")
        #expect(DueRule.workingDays(15).label == "15 个工作日")
    }
}

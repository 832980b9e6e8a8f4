import Assessment
import Domain
import Foundation
import Testing

@Suite struct ReportPeriodTests {
    @Test(arguments: [
        ("2026-03-05", "2026-03-05", "2026-03-05", ReportPeriod.Granularity.day),
        ("2026-02", "2026-02-01", "2026-02-28", .month),
        ("2024-02", "2024-02-01", "2024-02-29", .month),
        ("2026-Q1", "2026-01-01", "2026-03-31", .quarter),
        ("2026-Q4", "2026-10-01", "2026-12-31", .quarter),
        ("2026-W01", "2025-12-29", "2026-01-04", .week),
        ("2026-W53", "2026-12-28", "2027-01-03", .week),
        ("2026-03-01..2026-03-15", "2026-03-01", "2026-03-15", .range),
    ])
    func parsesEveryForm(text: String, first: String, last: String, granularity: ReportPeriod.Granularity) throws {
        let period = try #require(ReportPeriod(parsing: text))
        #expect(period.first == LocalDate(first))
        #expect(period.last == LocalDate(last))
        #expect(period.granularity == granularity)
        #expect(period.description == text)
    }

    @Test(arguments: [
        "", "2026", "2026-13", "2026-Q5", "2026-Q0", "2025-W53", "2026-W00", "2026-03-15..2026-03-01", "26-03",
        "2026-3", "march",
    ])
    func rejectsTheRest(text: String) {
        #expect(ReportPeriod(parsing: text) == nil)
    }

    @Test func periodsStartAndEndAtBeijingMidnight() throws {
        let march = try #require(ReportPeriod(parsing: "2026-03"))
        #expect(march.start == ShanghaiTime.parseISO8601("2026-02-28T16:00:00Z"))
        #expect(march.end == ShanghaiTime.parseISO8601("2026-03-31T16:00:00Z"))
        // 07:30 on 1 April in Beijing is still 31 March in UTC: it belongs to April.
        #expect(!march.contains(ShanghaiTime.parseISO8601("2026-04-01T07:30:00+08:00")!))
        #expect(march.contains(ShanghaiTime.parseISO8601("2026-03-31T23:59:59.999+08:00")!))
    }

    @Test func previousPeriodsAreOfTheSameKind() throws {
        #expect(ReportPeriod(parsing: "2026-Q1")!.previous == ReportPeriod(parsing: "2025-Q4"))
        #expect(ReportPeriod(parsing: "2026-03")!.previous == ReportPeriod(parsing: "2026-02"))
        #expect(ReportPeriod(parsing: "2026-W01")!.previous == ReportPeriod(parsing: "2025-W52"))
        #expect(ReportPeriod(parsing: "2026-03-01")!.previous == ReportPeriod(parsing: "2026-02-28"))
        #expect(
            ReportPeriod(parsing: "2026-03-01..2026-03-10")!.previous == ReportPeriod(parsing: "2026-02-19..2026-02-28")
        )
    }
}

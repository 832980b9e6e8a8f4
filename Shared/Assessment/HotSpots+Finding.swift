import Domain
import Foundation

extension HotSpots {
    /// The hot spots at the end of `period` (or at `asOf`, if the period is still running): the
    /// last seven days against the seven before, and repeated demands over the whole period.
    static func find(period: ReportPeriod, asOf: Date, source: some AssessmentSource, rules: Rules) throws -> HotSpots {
        let lastDay = min(period.last, LocalDate(containing: asOf))
        let thisWeek = lastDay.addingClamped(days: -6)...lastDay
        let lastWeek = lastDay.addingClamped(days: -13)...lastDay.addingClamped(days: -7)
        let fortnight = lastWeek.lowerBound...thisWeek.upperBound

        let received = try source.receivedBreakdown(fortnight)
        let topics = trends(received.map { ($0.topic.rawValue, $0.day, $0.count) }, thisWeek, rules)
        let keywords = trends(
            try source.keywordCounts(fortnight).map { ($0.keyword, $0.day, $0.count) }, thisWeek, rules)

        let days = period.first...period.last
        let repeated = try source.repeatedDemands(days, minimum: rules.repeatedDemandMinimum)
            .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
        let callers = Array(repeated.filter { $0.subject == .caller }.prefix(rules.listLimit))
        return HotSpots(
            topics: topics,
            keywords: keywords,
            repeatedCallers: Array(callers),
            repeatedEnterprises: Array(repeated.filter { $0.subject == .enterprise }.prefix(rules.listLimit)),
            recurringOrders: try source.recurringOrders(
                days, minimum: rules.recurringReopenMinimum, limit: rules.listLimit)
        )
    }

    /// Counts per name in the two weeks, rising ones first, then by this week's count.
    private static func trends(_ rows: [(String, LocalDate, Int)], _ thisWeek: ClosedRange<LocalDate>, _ rules: Rules)
        -> [Trend]
    {
        var counts: [String: (this: Int, last: Int)] = [:]
        for (name, day, count) in rows {
            if thisWeek.contains(day) {
                counts[name, default: (0, 0)].this += count
            } else {
                counts[name, default: (0, 0)].last += count
            }
        }
        return counts.map { name, count in
            Trend(
                name: name, thisWeek: count.this, lastWeek: count.last,
                rising: rules.isRising(thisWeek: count.this, lastWeek: count.last))
        }
        .sorted { ($0.rising ? 1 : 0, $0.thisWeek, $1.name) > ($1.rising ? 1 : 0, $1.thisWeek, $0.name) }
    }
}

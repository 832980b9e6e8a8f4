import Assessment
import Domain
import Foundation
import GRDB
import IntakeCore

/// Times each query a monthly report makes of `AssessmentStore`, as the report builder calls
/// them, to see where a report's time goes.
enum QueryTimings {
    static func print(_ database: DatabasePool, month text: String, asOf: Date, runs: Int) throws {
        let store = AssessmentStore(database: database)
        let month = try BenchmarkInput.period(text)
        let days = month.first...month.last
        let previous = month.previous.first...month.previous.last
        let fortnight = month.last.addingClamped(days: -13)...month.last
        let deductions = PointsScheme.shipped.deductionSelection
        let queries: [(String, () throws -> Int)] = [
            ("tallies of the month", { try store.tallies(days, asOf: asOf).count }),
            ("tallies of the month before", { try store.tallies(previous, asOf: asOf).count }),
            ("orders overdue at the end", { try store.overdueNow(asOf: month.end.addingTimeInterval(-0.001)).count }),
            ("facts behind deductions", { try store.facts(of: deductions, in: days, asOf: asOf).count }),
            ("received by unit and dimension", { try store.receivedBreakdown(days).count }),
            ("received in the last fortnight", { try store.receivedBreakdown(fortnight).count }),
            ("keywords in the last fortnight", { try store.keywordCounts(fortnight).count }),
            ("repeated callers and enterprises", { try store.repeatedDemands(days, minimum: 2).count }),
            ("orders reopened twice or more", { try store.recurringOrders(days, minimum: 2, limit: 20).count }),
        ]
        for (name, query) in queries {
            var best = Double.infinity
            var rows = 0
            for _ in 0..<runs {
                let started = ContinuousClock.now
                rows = try query()
                let elapsed = ContinuousClock.now - started
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            Swift.print(
                "query \(text): \(name): best of \(runs) \(String(format: "%.1f", best * 1000)) ms, \(rows) rows")
        }
    }
}

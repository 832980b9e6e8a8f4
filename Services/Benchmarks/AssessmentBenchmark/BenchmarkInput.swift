import Assessment
import Domain
import Foundation

/// The benchmark's fixed instants and periods, read by throwing like every other input.
enum BenchmarkInput {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    static func instant(_ text: String) throws -> Date {
        guard let instant = ShanghaiTime.parseISO8601(text) else {
            throw Unreadable(description: "not an ISO 8601 instant: \(text)")
        }
        return instant
    }

    static func period(_ text: String) throws -> ReportPeriod {
        guard let period = ReportPeriod(parsing: text) else {
            throw Unreadable(description: "not a report period: \(text)")
        }
        return period
    }
}

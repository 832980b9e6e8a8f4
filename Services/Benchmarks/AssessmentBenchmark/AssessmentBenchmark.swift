import ArgumentParser
import Assessment
import Domain
import Foundation
import GRDB
import IntakeCore
import Persistence
import PersonalData

/// Fills an intake database with a year of orders and their logs (1,000,000 by default), then
/// times the monthly report of every unit, as `subanctl report` has intake build and send it.
///
/// Usage: suban-assessment-benchmark [orders] [--data DIR] [--runs N] [--queries]
/// The database is kept in DIR and reused while it holds the asked number of orders, since
/// filling it takes minutes.
@main
struct AssessmentBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suban-assessment-benchmark",
        abstract: "Fills an intake database with a year of orders, then times the monthly report of every unit.")

    @Argument(help: "Orders in the year.")
    var orders = 1_000_000
    @Option(help: "Folder of the database, kept and reused while it holds that many orders.")
    var data = ".build/assessment-benchmark"
    @Option(help: "Times each report is built.")
    var runs = 5
    @Flag(help: "Also time each query of the October report on its own.")
    var queries = false

    func validate() throws {
        guard orders > 0, runs > 0 else { throw ValidationError("orders and runs must be at least 1") }
    }

    func run() throws {
        try Self.fillAndReport(count: orders, directory: data, runs: runs, timeQueries: queries)
    }

    static func fillAndReport(count: Int, directory: String, runs: Int, timeQueries: Bool) throws {
        // The year ends at midnight Beijing time on 1 November 2026, so October is the last whole month.
        let end = try BenchmarkInput.instant("2026-11-01T00:00:00+08:00")
        let database = try ServiceDatabase.open(
            directory: directory, name: "intake", migrations: IntakeService.migrations)
        let stored = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM work_order") ?? 0 }
        if stored != count {
            try fill(database, count: count, end: end)
        }
        // A month and a quarter after their end, and October as it ran: on the 20th at 15:00, the
        // day so far is summed from the facts, the days before from the daily tallies.
        let midOctober = try BenchmarkInput.instant("2026-10-20T15:00:00+08:00")
        try report(database, runs: runs, cases: [("2026-10", end), ("2026-Q3", end), ("2026-10", midOctober)])
        if timeQueries {
            try QueryTimings.print(database, month: "2026-10", asOf: end, runs: runs)
        }
    }

    static func fill(_ database: DatabasePool, count: Int, end: Date) throws {
        try database.write { db in
            for table in [
                "order_keyword", "order_fact", "order_profile", "order_event", "work_order_unit", "probable_duplicate",
                "work_order",
            ] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
        }
        var year = YearOfOrders(count: count, endingAt: end, seed: 8)
        let loader = HistoricalOrders(database: database, personalData: .generate())
        let started = ContinuousClock.now
        var events = 0
        let batch = 20_000
        for first in stride(from: 0, to: count, by: batch) {
            try database.write { db in
                for index in first..<min(count, first + batch) {
                    let (order, log) = try year.order(index)
                    events += log.count
                    try loader.insert(order, events: log, in: db)
                }
            }
            if (first / batch) % 10 == 0 {
                print("filled \(min(count, first + batch)) orders, \(events) events, \(ContinuousClock.now - started)")
            }
        }
        try database.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        print("fill: \(count) orders, \(events) events in \(Int(seconds)) s")
    }

    static func report(_ database: DatabasePool, runs: Int, cases: [(period: String, asOf: Date)]) throws {
        let rows = try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM order_fact") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM order_event") ?? 0
            )
        }
        print("database: \(rows.1) events, \(rows.0) assessment facts")
        let store = AssessmentStore(database: database)
        let names = Dictionary(uniqueKeysWithValues: UnitDirectory.shipped.units.map { ($0.code, $0.name) })
        for (text, asOf) in cases {
            let period = try BenchmarkInput.period(text)
            var timings: [Double] = []
            var built: AssessmentReport?
            var bytes = 0
            for _ in 0..<runs {
                let started = ContinuousClock.now
                let report = try AssessmentReport.build(
                    period: period, asOf: asOf, source: store, settings: .init(unitNames: names))
                bytes = try report.jsonData(pretty: false).count
                built = report
                let elapsed = ContinuousClock.now - started
                timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            timings.sort()
            // `runs` > 0, so there is a report and a timing.
            guard let report = built, let fastest = timings.first, let slowest = timings.last else { continue }
            let figures = report.bureau.figures
            print(
                "report \(text) as of \(ShanghaiTime.iso8601(asOf)), all \(report.units.count) units, built and encoded as JSON: min \(milliseconds(fastest)) ms, "
                    + "median \(milliseconds(timings[timings.count / 2])) ms, max \(milliseconds(slowest)) ms over \(runs) runs "
                    + "(received \(figures.received), closed \(figures.closed), deductions \(report.units.reduce(0) { $0 + $1.deductionCount }), "
                    + "JSON \(bytes / 1024) KiB as intake sends it)"
            )
        }
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.0f", seconds * 1000) }
}

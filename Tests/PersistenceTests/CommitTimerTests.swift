import Foundation
import GRDB
import MetricsTestKit
import Persistence
import Testing

@Suite("SQLite commit time")
struct CommitTimerTests {
    @Test func eachCommitOfTheWriterIsTimedAndReadsAreNot() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let metrics = TestMetrics()
        let pool = try ServiceDatabase.open(
            path: "\(directory)/intake.sqlite", migrations: [ServiceDatabaseTests.orders], metricsFactory: metrics)
        let timer = try metrics.expectTimer("suban_sqlite_commit_duration_seconds", [("database", "intake")])
        let before = timer.values.count
        try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', 'one')") }
        try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A2', 'two')") }
        _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") }
        #expect(timer.values.count == before + 2)
        #expect(timer.values.allSatisfy { $0 >= 0 })
    }
}

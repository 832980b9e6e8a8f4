import Dispatch
import Foundation
import GRDB
import MetricsTestKit
import Testing

@testable import Persistence

@Suite("Group commit: concurrent writers share a transaction")
struct GroupCommitWriterTests {
    /// A database with an `orders` table, a group writer on it, and its metrics.
    struct Fixture {
        let directory: String
        let pool: DatabasePool
        let writer: GroupCommitWriter
        let metrics: TestMetrics

        init() throws {
            directory = try ServiceDatabaseTests.temporaryDirectory()
            metrics = TestMetrics()
            pool = try ServiceDatabase.open(
                path: "\(directory)/intake.sqlite", migrations: [ServiceDatabaseTests.orders], metricsFactory: metrics)
            writer = GroupCommitWriter(pool: pool, metricsFactory: metrics)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }

        /// Holds GRDB's writer queue until the returned gate is opened, so that units queue up.
        func holdWriter() -> DispatchSemaphore {
            let gate = DispatchSemaphore(value: 0)
            pool.asyncWriteWithoutTransaction { _ in gate.wait() }
            return gate
        }

        /// Returns once `count` units wait for the writer.
        func untilWaiting(_ count: Int) async {
            while writer.waitingUnits < count { await Task.yield() }
        }

        func insert(_ id: String) async throws {
            try await writer.write { db in try db.execute(sql: "INSERT INTO orders VALUES (?, 'x')", arguments: [id]) }
        }

        func ids() throws -> [String] {
            try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM orders ORDER BY rowid") }
        }

        func commits() throws -> Int {
            try metrics.expectTimer("suban_sqlite_commit_duration_seconds", [("database", "intake")]).values.count
        }

        func unitsPerCommit() throws -> [Int64] {
            try metrics.expectRecorder("suban_sqlite_commit_units", [("database", "intake")]).values.map { Int64($0) }
        }
    }

    struct Refused: Error, Equatable {}

    @Test func unitsThatQueueTogetherCommitOnceInArrivalOrder() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let before = try fixture.commits()
        let gate = fixture.holdWriter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask { try await fixture.insert("O-\(index)") }
                await fixture.untilWaiting(index + 1)
            }
            gate.signal()
            try await group.waitForAll()
        }
        #expect(try fixture.ids() == (0..<20).map { "O-\($0)" })
        #expect(try fixture.commits() - before == 1)
        #expect(try fixture.unitsPerCommit() == [20])
    }

    @Test func manyConcurrentCallersNeedFewerCommitsThanUnits() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let before = try fixture.commits()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<500 {
                group.addTask { try await fixture.insert("C-\(index)") }
            }
            try await group.waitForAll()
        }
        let units = try fixture.unitsPerCommit()
        #expect(try Set(fixture.ids()).count == 500)
        #expect(units.reduce(0, +) == 500)
        #expect(try fixture.commits() - before == units.count)
        #expect(units.count < 500)
    }

    @Test func aFailingUnitRollsBackAloneAndOnlyItsCallerHearsOfIt() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let units: [(name: String, work: @Sendable (Database) throws -> Void)] = [
            ("A", { db in try db.execute(sql: "INSERT INTO orders VALUES ('A', 'x')") }),
            (
                "refused",
                { db in
                    try db.execute(sql: "INSERT INTO orders VALUES ('B', 'half done')")
                    throw Refused()
                }
            ),
            ("A again", { db in try db.execute(sql: "INSERT INTO orders VALUES ('A', 'y')") }),
            ("C", { db in try db.execute(sql: "INSERT INTO orders VALUES ('C', 'x')") }),
        ]
        let gate = fixture.holdWriter()
        let outcomes = await withTaskGroup(of: (String, (any Error)?).self) { group in
            for (index, unit) in units.enumerated() {
                group.addTask {
                    do {
                        try await fixture.writer.write(unit.work)
                        return (unit.name, nil)
                    } catch {
                        return (unit.name, error)
                    }
                }
                await fixture.untilWaiting(index + 1)
            }
            gate.signal()
            var outcomes: [String: (any Error)?] = [:]
            for await (name, error) in group { outcomes[name] = error }
            return outcomes
        }
        #expect(outcomes["A"].flatMap { $0 } == nil)
        #expect(outcomes["C"].flatMap { $0 } == nil)
        #expect(outcomes["refused"].flatMap { $0 } is Refused)
        #expect(outcomes["A again"].flatMap { $0 } is DatabaseError)
        #expect(try fixture.ids() == ["A", "C"])
        #expect(try fixture.unitsPerCommit() == [4])
    }

    @Test func aCallerCancelledWhileWaitingNeverRuns() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let gate = fixture.holdWriter()
        await withThrowingTaskGroup(of: Void.self) { doomed in
            doomed.addTask { try await fixture.insert("GONE") }
            await fixture.untilWaiting(1)
            doomed.cancelAll()
            await #expect(throws: CancellationError.self) { try await doomed.next() }
        }
        #expect(fixture.writer.waitingUnits == 0)
        gate.signal()
        try await fixture.insert("KEPT")
        #expect(try fixture.ids() == ["KEPT"])
        #expect(try fixture.unitsPerCommit() == [1])
    }

    @Test func aCallerAlreadyCancelledIsRefusedWithoutWriting() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        await withThrowingTaskGroup(of: Void.self) { group in
            group.cancelAll()
            group.addTask { try await fixture.insert("LATE") }
            await #expect(throws: CancellationError.self) { try await group.next() }
        }
        #expect(try fixture.ids().isEmpty)
    }

    @Test func theResultOfTheWorkComesBackAfterTheCommit() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let count = try await fixture.writer.write { db -> Int in
            try db.execute(sql: "INSERT INTO orders VALUES ('R', 'x')")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") ?? 0
        }
        #expect(count == 1)
        // A reader sees it: the transaction committed before the caller resumed.
        #expect(try fixture.ids() == ["R"])
    }
}

import Domain
import Foundation
import GRDB
import Outbox
import Persistence
import SLACore
import Synchronization
import TestSupport
import Testing

/// Helpers for the SLA tests: temporary databases, engines, a recording sink, instants.
enum SLAFixtures {
    /// A temporary database file path; the folder is removed by `cleanUp`.
    static func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-sla-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("sla.sqlite").path
    }

    static func cleanUp(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    static func open(_ path: String) throws -> DatabasePool {
        try ServiceDatabase.open(path: path, migrations: SLAMigrations.all)
    }

    static func engine(_ database: DatabasePool, policies: DeadlinePolicySet = .shippedDefault) throws -> SLAEngine {
        try SLAEngine(database: database, policies: policies, logger: .quiet)
    }

    /// Unix milliseconds of an ISO 8601 literal.
    static func ms(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int64 {
        let date = try #require(
            ShanghaiTime.parseISO8601(text), "not a timestamp: \(text)", sourceLocation: sourceLocation)
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func iso(_ milliseconds: Int64) -> String {
        ShanghaiTime.iso8601(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static let minute: Int64 = 60_000

    /// Runs the scheduler and the sender of `engine` on `clock` for the duration of `body`, and
    /// stops them (by cancellation) also when `body` throws. `fired` collects the events fired,
    /// `stored` those whose delivery is done and recorded in the database.
    static func withBackground<Result: Sendable>(
        engine: SLAEngine,
        sink: any ClockEventSink,
        clock: ManualClock,
        fired: Collector<FiredEvent> = Collector(),
        stored: Collector<FiredEvent> = Collector(),
        _ body: () async throws -> Result
    ) async throws -> Result {
        let scheduler = ClockScheduler(engine: engine, clock: clock, logger: .quiet) { fired.append($0) }
        let sender = engine.outboxSender(sink: sink, clock: clock, logger: .quiet) { outcomes in
            stored.append(outcomes.filter { !$0.result.isRetried }.map(\.entry))
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            group.addTask { try await sender.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// The event ids stored in `sla_event`, oldest first.
    static func storedEventIDs(_ database: DatabasePool) throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT event_id FROM sla_event ORDER BY seq") }
    }
}

/// A sink that records what it receives and answers from a script: by default every event is
/// recorded the first time and a duplicate after that, like intake.
final class RecordingSink: ClockEventSink {
    private let seen = Mutex<Set<String>>([])
    private let failuresLeft: Mutex<Int>
    /// Every delivery attempt, failed ones included.
    let attempts = Collector<FiredEvent>()
    /// Events delivered successfully the first time.
    let recorded = Collector<FiredEvent>()

    /// - Parameter failFirst: how many attempts fail (intake down) before deliveries succeed.
    init(failFirst: Int = 0) {
        failuresLeft = Mutex(failFirst)
    }

    func deliver(_ event: FiredEvent) async -> DeliveryOutcome {
        attempts.append([event])
        let fail = failuresLeft.withLock { left -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fail { return .failed("unavailable: intake is down") }
        let first = seen.withLock { $0.insert(event.eventID).inserted }
        if first { recorded.append([event]) }
        return first ? .recorded : .duplicate
    }
}

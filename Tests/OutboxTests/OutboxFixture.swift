import Foundation
import GRDB
import Instrumentation
import Logging
import Outbox
import Persistence
import Synchronization
import TestSupport
import Traces
import Tracing

/// A shared outbox table in a temporary database, a sender on a manual clock, and a receiver whose
/// answers a test scripts per destination.
struct OutboxFixture {
    static let start: Int64 = 1_780_000_000_000
    static let policy = OutboxRetryPolicy(
        initialDelay: .seconds(1), maximumDelay: .seconds(60), maximumProbeInterval: .seconds(3), failingAfter: 3)

    let database: DatabasePool
    let clock = ManualClock(unixMilliseconds: start)
    let receiver = ScriptedReceiver()
    let rounds = Collector<[String: DeliveryResult]>()
    let sender: OutboxSender<SQLiteOutbox, ManualClock>
    let store: SQLiteOutbox
    /// The trace id current in each delivery attempt, in order.
    let deliveryTraceIDs = Collector<String?>()
    let tracer: any Tracer

    /// Each batch call's methods, in order.
    let batchCalls = Collector<[String]>()

    /// - Parameter batchMethods: methods the receiver takes in batches (`supportsBatches` false:
    ///   it says it has no batch method).
    init(
        keepsDelivered: Bool = true, tracer: any Tracer = NoOpTracer(), batchMethods: Set<String> = [],
        supportsBatches: Bool = true
    ) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).sqlite")
            .path
        let migration = Migration(
            "outbox",
            sql: OutboxTable.migrationSQL + OutboxTable.traceContextMigrationSQL
                + OutboxTable.destinationIndexMigrationSQL)
        database = try ServiceDatabase.open(path: path, migrations: [migration], tracer: tracer)
        store = SQLiteOutbox(
            database: database, table: OutboxTable(keepsDelivered: keepsDelivered), policy: Self.policy)
        self.tracer = tracer
        let receiver = receiver
        let rounds = rounds
        let deliveryTraceIDs = deliveryTraceIDs
        let batchCalls = batchCalls
        let batching =
            batchMethods.isEmpty
            ? nil
            : OutboxBatching<OutboxEntry>(
                maximumSize: 3,
                key: { batchMethods.contains($0.message.method) ? $0.destination + " batch" : nil },
                deliver: { entries in
                    batchCalls.append(entries.map(\.message.method))
                    guard supportsBatches else { return .unsupported }
                    return .results(entries.map(receiver.deliver))
                }
            )
        sender = OutboxSender(
            name: "test", store: store, clock: clock, configuration: .init(policy: Self.policy),
            logger: Logger(label: "test"),
            observer: { outcomes in
                rounds.append(
                    Dictionary(outcomes.map { ($0.entry.message.method, $0.result) }, uniquingKeysWith: { $1 }))
            },
            tracer: tracer,
            batching: batching,
            deliver: { entry in
                deliveryTraceIDs.append(ServiceContext.current?.callTraceID)
                await receiver.passHold(of: entry.destination)
                return receiver.deliver(entry)
            }
        )
    }

    @discardableResult
    func enqueue(_ method: String, to destination: String = "peer", key: String? = nil, dedup: String? = nil) throws
        -> Int64?
    {
        try database.write { db in
            try OutboxTable.enqueue(
                [
                    OutboxMessage(
                        destination: destination, method: method, body: Array(method.utf8), orderingKey: key,
                        deduplicationKey: dedup)
                ],
                at: clock.now.unixMilliseconds, in: db, tracer: tracer
            )[0]
        }
    }

    func entries(_ state: OutboxEntry.State? = nil) throws -> [OutboxEntry] {
        try database.read { db in try store.table.entries(state: state, limit: 100, in: db) }
    }

    /// Runs the sender for the duration of `body`.
    func running<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let sender = sender
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sender.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    func advance(bySeconds seconds: Int64) {
        clock.advance(toUnixMilliseconds: clock.now.unixMilliseconds + seconds * 1000)
    }
}

/// Answers deliveries from a script: per method a list of results used in turn (the last one
/// repeats), `delivered` for a method without one; records every attempt.
final class ScriptedReceiver: Sendable {
    private let script = Mutex<[String: [DeliveryResult]]>([:])
    private let down = Mutex<Set<String>>([])
    private let holds = Mutex<[String: Gate]>([:])
    let attempts = Collector<String>()
    /// Destinations of the attempts that reached a hold, in order.
    let held = Collector<String>()

    /// Holds every attempt to `destination` until the returned gate opens: a receiver slow to answer.
    func hold(_ destination: String) -> Gate {
        let gate = Gate()
        holds.withLock { $0[destination] = gate }
        return gate
    }

    func passHold(of destination: String) async {
        guard let gate = holds.withLock({ $0[destination] }) else { return }
        held.append(destination)
        await gate.wait()
    }

    /// Makes every attempt to `destination` unreachable, or reachable again.
    func setDown(_ destination: String, _ isDown: Bool) {
        down.withLock { if isDown { $0.insert(destination) } else { $0.remove(destination) } }
    }

    func answer(_ method: String, with results: [DeliveryResult]) {
        script.withLock { $0[method] = results }
    }

    func deliver(_ entry: OutboxEntry) -> DeliveryResult {
        attempts.append(entry.message.method)
        if down.withLock({ $0.contains(entry.destination) }) { return .unreachable("connection refused") }
        return script.withLock { script in
            guard var results = script[entry.message.method], let first = results.first else { return .delivered }
            if results.count > 1 { results.removeFirst() }
            script[entry.message.method] = results
            return first
        }
    }
}

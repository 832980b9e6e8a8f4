public import CoreMetrics
import Foundation
public import GRDB
import Instrumentation
import Synchronization

/// Lets concurrent writers share one transaction and its fsync (issue 18): each caller hands in
/// a unit of work, and the units that queued while the previous commit was on the disk run
/// together in the next transaction, each inside its own savepoint, and commit once.
///
/// A unit that throws rolls back to its savepoint alone: its caller gets its error, the others
/// commit. A caller resumes only once its unit's transaction committed (`synchronous=FULL`), so
/// "done" still means durable. Units run in arrival order, on GRDB's writer queue, never on a
/// Swift cooperative thread; a caller cancelled before its unit ran gets `CancellationError` and
/// its unit never runs.
///
/// The number of units each commit carried goes to `suban_sqlite_commit_units{database=…}`.
public final class GroupCommitWriter: Sendable {
    /// The most units one transaction carries, so that a long queue still commits in steps.
    public static let defaultMaximumUnits = 256

    static let unitsLabel = "suban_sqlite_commit_units"

    private let pool: DatabasePool
    private let maximumUnits: Int
    private let unitsPerCommit: Recorder
    private let state = Mutex(State())

    /// A caller's work, waiting for the writer.
    private struct Unit: Sendable {
        var id: UInt64
        var context: ServiceContext?
        /// Runs the work in the open transaction; what it returns resumes the caller after the commit.
        var run: @Sendable (Database) throws -> @Sendable () -> Void
        /// Resumes the caller with an error: its own, the commit's, or cancellation.
        var fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var nextID: UInt64 = 0
        var queue: [Unit] = []
        /// A drain is scheduled on the writer queue or running: new units wait for it.
        var draining = false
    }

    /// - Parameters:
    ///   - pool: the service's database (``ServiceDatabase/open(path:migrations:tracer:metricsFactory:)``).
    ///   - maximumUnits: the most units one commit carries.
    public init(
        pool: DatabasePool, maximumUnits: Int = defaultMaximumUnits,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.pool = pool
        self.maximumUnits = max(1, maximumUnits)
        let database = URL(fileURLWithPath: pool.path).deletingPathExtension().lastPathComponent
        unitsPerCommit = Recorder(
            label: Self.unitsLabel, dimensions: [("database", database)], aggregate: true, factory: metricsFactory)
    }

    /// Runs `work` in a transaction shared with the units queued beside it and returns its result
    /// once that transaction committed. `work` must not use the pool itself (it runs on its writer).
    public func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let unit = Unit(
                    id: id, context: ServiceContext.current,
                    run: { db in
                        let value = try work(db)
                        return { continuation.resume(returning: value) }
                    },
                    fail: { continuation.resume(throwing: $0) }
                )
                enqueue(unit)
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// The units waiting for the writer (for tests: "every caller has queued").
    var waitingUnits: Int { state.withLock { $0.queue.count } }

    private func enqueue(_ unit: Unit) {
        enum Next { case none, drain, cancelled }
        let next = state.withLock { state -> Next in
            // The cancellation flag is set before the handler runs, and the handler takes this
            // lock: a unit is either refused here or found in the queue by `cancel`.
            if Task.isCancelled { return .cancelled }
            state.queue.append(unit)
            guard !state.draining else { return .none }
            state.draining = true
            return .drain
        }
        switch next {
        case .none: break
        case .cancelled: unit.fail(CancellationError())
        case .drain: scheduleDrain()
        }
    }

    private func cancel(_ id: UInt64) {
        let removed = state.withLock { state -> Unit? in
            guard let index = state.queue.firstIndex(where: { $0.id == id }) else { return nil }
            return state.queue.remove(at: index)
        }
        removed?.fail(CancellationError())
    }

    /// Behind whatever else waits for the writer (GRDB's queue is first come, first served), so
    /// that other writes of the service are not starved by a steady stream of units.
    private func scheduleDrain() {
        pool.asyncWriteWithoutTransaction { [self] db in drain(db) }
    }

    private func drain(_ db: Database) {
        let batch = state.withLock { state -> [Unit] in
            let batch = Array(state.queue.prefix(maximumUnits))
            state.queue.removeFirst(batch.count)
            if batch.isEmpty { state.draining = false }
            return batch
        }
        guard let first = batch.first else { return }
        // The transaction's span (ServiceDatabase+Tracing) is a child of the first unit's work.
        let outcomes = ServiceContext.withValue(first.context) { commit(batch, in: db) }
        unitsPerCommit.record(batch.count)
        for (unit, outcome) in zip(batch, outcomes) {
            switch outcome {
            case .success(let resume): resume()
            case .failure(let error): unit.fail(error)
            }
        }
        let more = state.withLock { state -> Bool in
            if state.queue.isEmpty { state.draining = false }
            return state.draining
        }
        if more { scheduleDrain() }
    }

    private typealias Outcome = Result<@Sendable () -> Void, any Error>

    /// Runs `batch` in one transaction, a savepoint each; the outcome of each unit, in order.
    private func commit(_ batch: [Unit], in db: Database) -> [Outcome] {
        do {
            try db.beginTransaction(.immediate)
        } catch {
            return batch.map { _ in .failure(error) }
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(batch.count)
        for unit in batch {
            let outcome: Outcome
            do {
                var resume: (@Sendable () -> Void)?
                try ServiceContext.withValue(unit.context) {
                    try db.inSavepoint {
                        resume = try unit.run(db)
                        return .commit
                    }
                }
                outcome = resume.map(Outcome.success) ?? .failure(TransactionEnded())
            } catch {
                outcome = .failure(error)
            }
            outcomes.append(outcome)
            // A full disk or an I/O error can end the whole transaction: what ran before it is
            // gone, and the units after it fail alike rather than commit half a batch.
            guard db.isInsideTransaction else {
                let cause: any Error
                if case .failure(let error) = outcome { cause = error } else { cause = TransactionEnded() }
                return Self.failing(outcomes, with: cause)
                    + Array(repeating: .failure(cause), count: batch.count - outcomes.count)
            }
        }
        do {
            try db.commit()
        } catch {
            try? db.rollback()
            return Self.failing(outcomes, with: error)
        }
        return outcomes
    }

    /// The units that had succeeded fail with `cause`, since their work did not commit; the others
    /// keep their own errors.
    private static func failing(_ outcomes: [Outcome], with cause: any Error) -> [Outcome] {
        outcomes.map { outcome in
            if case .failure = outcome { outcome } else { .failure(cause) }
        }
    }

    /// SQLite rolled the shared transaction back on its own (a full disk, an I/O error).
    public struct TransactionEnded: Error, CustomStringConvertible {
        public var description: String { "SQLite rolled back the shared transaction" }
    }
}

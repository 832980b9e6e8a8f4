import Domain
import GRDB
public import Outbox

// The scheduler's side of the engine: fire what is due, durably, and hand the outbox to the sender.

extension SLAEngine {
    /// What one call of `fireDue` did.
    public struct FireResult: Sendable {
        /// The events written, in order.
        public var fired: [FiredEvent]
        /// Whether the batch was full, so that more may be due already.
        public var more: Bool
    }

    /// Fires up to `limit` heap entries due at `now`: for each clock whose stored next instant is
    /// still the entry's, writes its events and its new progress in one transaction, then puts
    /// its next instant back in the heap. Stale entries (stopped or moved clocks) are dropped.
    ///
    /// If the transaction fails, the entries go back into the heap and the error is thrown; the
    /// caller retries later. The progress is stored with the events, so nothing fires twice.
    ///
    /// Committed at `synchronous=NORMAL` (no fsync): a power cut can lose the last rounds, and
    /// then those events fire again after the restart under the same ids, which intake
    /// recognizes; every change a caller is told about (start, stop, extension, calendar) stays
    /// `FULL`. This halves the fsyncs under load (docs/PERFORMANCE.md).
    public func fireDue(now: Int64, limit: Int = 2_000) async throws -> FireResult {
        let entries = queue.popDue(now: now, limit: limit)
        guard !entries.isEmpty else { return FireResult(fired: [], more: false) }
        do {
            let (fired, next) = try await database.writeWithoutTransaction { db in
                try Self.withRelaxedSync(db) { db in try self.fire(entries, now: now, db) }
            }
            queue.schedule(next)
            if !fired.isEmpty { outbox.ring() }
            return FireResult(fired: fired, more: entries.count == limit)
        } catch {
            queue.schedule(entries)
            throw error
        }
    }

    /// One round inside the transaction: the events and the heap entries to add after commit.
    private func fire(_ entries: [TimerEntry], now: Int64, _ db: Database) throws -> ([FiredEvent], [TimerEntry]) {
        var fired: [FiredEvent] = []
        var next: [TimerEntry] = []
        var clocks = try ClockStore.fetch(seqs: entries.map(\.clock), db, policies: catalog)
        for entry in entries {
            // Read from the dictionary and written back, so that two entries of one clock in a
            // round see each other's progress.
            guard var clock = clocks[entry.clock], clock.stoppedAt == nil, clock.nextFire == entry.instant else {
                continue
            }
            let schedule = clock.schedule
            let step = schedule.fire(at: now, progress: clock.progress)
            clock.progress = step.progress
            clock.nextFire = schedule.next(after: step.progress)?.instant
            try ClockStore.updateProgress(clock, db)
            for firing in step.firings {
                fired.append(try ClockStore.insertEvent(firing, of: clock, firedAt: now, db))
            }
            clocks[clock.seq] = clock
            if let entry = clock.heapEntry { next.append(entry) }
        }
        return (fired, next)
    }

    /// Runs `body` in one transaction committed at `synchronous=NORMAL`, then sets the writer
    /// back to `FULL` (ServiceDatabase's setting for everything else).
    static func withRelaxedSync<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        let result: Result<T, any Error> = Result {
            var value: T?
            try db.inTransaction(.immediate) {
                value = try body(db)
                return .commit
            }
            // A committed transaction ran its body.
            guard let value else {
                throw DatabaseError(resultCode: .SQLITE_ABORT, message: "the transaction did not run")
            }
            return value
        }
        try db.execute(sql: "PRAGMA synchronous = FULL")
        return try result.get()
    }

    /// The text stored in `sla_event.outcome`.
    static func outcomeText(_ result: DeliveryResult) -> String {
        switch result {
        case .delivered(let note): note.isEmpty ? "recorded" : note
        case .refused(let reason): "rejected: \(reason)"
        case .failed(let reason), .unreachable(let reason): "failed: \(reason)"
        }
    }

    /// Events not yet delivered to intake, oldest first.
    public func pendingEvents(limit: Int) async throws -> [FiredEvent] {
        try await database.read { db in try ClockStore.pendingEvents(limit: limit, db) }
    }

    /// Stores the outcomes of delivery attempts.
    ///
    /// Synchronous on purpose: GRDB abandons an async access when its task is cancelled, and a
    /// shutdown in the middle of a round should still record what intake already has. Relaxed
    /// sync as for firing: losing this bookkeeping only means delivering again, recognized by id.
    public func recordDeliveries(_ outcomes: [(entry: FiredEvent, result: DeliveryResult)], now: Int64) throws {
        guard !outcomes.isEmpty else { return }
        try database.writeWithoutTransaction { db in
            try Self.withRelaxedSync(db) { db in
                // Usually all "recorded": one statement per outcome rather than one per event.
                var byOutcome: [DeliveryResult: [Int64]] = [:]
                for (event, result) in outcomes { byOutcome[result, default: []].append(event.seq) }
                for (result, seqs) in byOutcome {
                    try ClockStore.recordAttempts(
                        events: seqs, outcome: Self.outcomeText(result), delivered: !result.isRetried, at: now, db)
                }
            }
        }
    }
}

import Domain
import GRDB

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
    /// caller retries later. Events carry deterministic ids and the progress is stored with them,
    /// so nothing fires twice, whatever the crash.
    public func fireDue(now: Int64, limit: Int = 2_000) async throws -> FireResult {
        let entries = queue.popDue(now: now, limit: limit)
        guard !entries.isEmpty else { return FireResult(fired: [], more: false) }
        do {
            let (fired, next) = try await database.write { db in
                var fired: [FiredEvent] = []
                var next: [TimerHeap.Entry] = []
                for entry in entries {
                    guard var clock = try ClockStore.fetch(seq: entry.clock, db, policies: self.catalog),
                        clock.stoppedAt == nil, clock.nextFire == entry.instant
                    else { continue }
                    let schedule = clock.schedule
                    let step = schedule.fire(at: now, progress: clock.progress)
                    clock.progress = step.progress
                    clock.nextFire = schedule.next(after: step.progress)?.instant
                    try ClockStore.updateProgress(clock, db)
                    for firing in step.firings {
                        if let event = try ClockStore.insertEvent(firing, of: clock, firedAt: now, db) {
                            fired.append(event)
                        }
                    }
                    if let entry = clock.heapEntry { next.append(entry) }
                }
                return (fired, next)
            }
            queue.schedule(next)
            if !fired.isEmpty { outbox.ring() }
            return FireResult(fired: fired, more: entries.count == limit)
        } catch {
            queue.schedule(entries)
            throw error
        }
    }

    /// Events not yet delivered to intake, oldest first.
    public func pendingEvents(limit: Int) async throws -> [FiredEvent] {
        try await database.read { db in try ClockStore.pendingEvents(limit: limit, db) }
    }

    /// Stores the outcomes of delivery attempts.
    ///
    /// Synchronous on purpose: GRDB abandons an async access when its task is cancelled, and a
    /// shutdown in the middle of a round should still record what intake already has.
    public func recordDeliveries(_ outcomes: [(event: FiredEvent, outcome: DeliveryOutcome)], now: Int64) throws {
        guard !outcomes.isEmpty else { return }
        try database.write { db in
            for (event, outcome) in outcomes {
                try ClockStore.recordAttempt(event: event.seq, outcome: outcome.text, delivered: outcome.isFinal, at: now, db)
            }
        }
    }
}

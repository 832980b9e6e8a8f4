import Domain
import GRDB
import Logging

extension SLAEngine {
    /// Runs again the clocks of an order stopped for `reason` (an unmerged order's, stopped when it
    /// was merged): each clock's start and deadline move by the time it stood still, so the order
    /// keeps the time it had left. Returns the order's clocks; a repeated call resumes nothing more.
    public func resumeClocks(orderID: String, stoppedFor reason: String, now: Int64) async throws -> [ClockRecord] {
        try Self.require(orderID, "order_id", maximumLength: 100)
        try Self.require(reason, "reason", maximumLength: 200)
        return try await write { db in
            var entries: [TimerEntry] = []
            for var clock in try ClockStore.fetch(orderID: orderID, db, policies: self.catalog) {
                guard let stoppedAt = clock.stoppedAt, clock.stopReason == reason else { continue }
                // Start and deadline both move, so warnings keep their place in the span.
                let pause = max(0, now - stoppedAt)
                clock.start += pause
                clock.due += pause
                clock.originalDue += pause
                clock.stoppedAt = nil
                clock.stopReason = ""
                clock.nextFire = clock.schedule.next(after: clock.progress)?.instant
                try ClockStore.resume(clock, db)
                if let entry = clock.heapEntry { entries.append(entry) }
                self.logger.info(
                    "sla.clock.resumed",
                    metadata: [
                        "clock.id": "\(clock.id)", "clock.paused_ms": "\(pause)", "clock.due_ms": "\(clock.due)",
                    ])
            }
            return (try ClockStore.fetch(orderID: orderID, db, policies: self.catalog), entries)
        }
    }
}

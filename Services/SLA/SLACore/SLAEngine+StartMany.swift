import Foundation
import GRDB
import Outbox

extension SLAEngine {
    /// What became of one request of ``startClocks(each:now:)``.
    public enum StartOutcome: Sendable, Hashable {
        /// Started now.
        case created
        /// A clock with this id was there already (a request delivered again): nothing changed.
        case existing
        /// The request itself is wrong; retrying cannot change that.
        case refused(SLAError)
    }

    /// Starts each of `requests` as ``startClock(_:now:)`` would, all in one transaction and one
    /// commit: what a burst of orders needs from intake's outbox. A refused request is answered on
    /// its own and leaves the others to start; an id already stored (or earlier in `requests`) is
    /// `existing`, so that a batch delivered again after a crash starts nothing twice. A storage
    /// failure throws, and nothing of the batch is stored.
    public func startClocks(each requests: [ClockStart], now: Int64) async throws -> [StartOutcome] {
        var outcomes: [StartOutcome?] = []
        var valid: [(index: Int, request: ClockStart)] = []
        for (index, request) in requests.enumerated() {
            do throws(SLAError) {
                try Self.validate(request)
                valid.append((index, request))
                outcomes.append(nil)
            } catch {
                outcomes.append(.refused(error))
            }
        }
        guard !valid.isEmpty else { return outcomes.map { $0 ?? .existing } }
        let requested = valid
        let (started, recomputed) = try await write { db in
            let calendar = self.calendar
            var started: [(Int, StartOutcome)] = []
            var entries: [TimerEntry] = []
            var recomputed = false
            for (index, request) in requested {
                var clock: ClockRecord
                do {
                    clock = try self.makeClock(request, now: now, calendar: calendar)
                } catch let error as SLAError {
                    started.append((index, .refused(error)))
                    continue
                }
                guard let seq = try ClockStore.insert(clock, ignoringExisting: true, db) else {
                    started.append((index, .existing))
                    continue
                }
                clock.seq = seq
                if let estimate = request.due, request.dueWorkingDays != nil, estimate != clock.due {
                    try ClockStore.insertRecomputation(of: clock, from: estimate, at: now, db)
                    recomputed = true
                }
                if let entry = clock.heapEntry { entries.append(entry) }
                started.append((index, .created))
            }
            return ((started, recomputed), entries)
        }
        for (index, outcome) in started { outcomes[index] = outcome }
        if recomputed { outbox.ring() }
        return outcomes.map { $0 ?? .existing }
    }
}

import Outbox
import Synchronization

/// The scheduler's heap behind a lock, with the doorbell that wakes the scheduler when an entry
/// arrives that is earlier than the one it sleeps for.
final class TimerQueue: Sendable {
    private let heap = Mutex(TimerHeap())
    let doorbell = Doorbell()

    init() {}

    /// Adds entries; rings when the earliest instant moved earlier.
    func schedule(_ entries: some Sequence<TimerHeap.Entry>) {
        let earlier = heap.withLock { heap -> Bool in
            let before = heap.min?.instant
            for entry in entries { heap.push(entry) }
            guard let after = heap.min?.instant else { return false }
            return before.map { after < $0 } ?? true
        }
        if earlier { doorbell.ring() }
    }

    /// Replaces everything with `sorted` (entries in instant order), as on start.
    func replaceAll(sorted: [TimerHeap.Entry]) {
        heap.withLock { $0 = TimerHeap(sorted: sorted) }
        doorbell.ring()
    }

    /// Removes and returns up to `limit` entries due at `now`, earliest first.
    func popDue(now: Int64, limit: Int) -> [TimerHeap.Entry] {
        heap.withLock { heap in
            var due: [TimerHeap.Entry] = []
            while due.count < limit, let first = heap.min, first.instant <= now, let popped = heap.popMin() {
                due.append(popped)
            }
            return due
        }
    }

    /// The earliest instant in the heap.
    var earliest: Int64? { heap.withLock { $0.min?.instant } }

    /// Entries in the heap, stale ones included.
    var count: Int { heap.withLock { $0.count } }
}

import HeapModule
import Outbox
import Synchronization

/// The scheduler's heap (swift-collections' `Heap`, O(log n) insert and pop) behind a lock, with
/// the doorbell that wakes the scheduler when an entry arrives that is earlier than the one it
/// sleeps for.
final class TimerQueue: Sendable {
    private let heap = Mutex(Heap<TimerEntry>())
    let doorbell = Doorbell()

    init() {}

    /// Adds entries; rings when the earliest instant moved earlier.
    func schedule(_ entries: some Sequence<TimerEntry>) {
        let earlier = heap.withLock { heap -> Bool in
            let before = heap.min?.instant
            heap.insert(contentsOf: entries)
            guard let after = heap.min?.instant else { return false }
            return before.map { after < $0 } ?? true
        }
        if earlier { doorbell.ring() }
    }

    /// Replaces everything with `entries`, as on start; O(n).
    func replaceAll(_ entries: [TimerEntry]) {
        heap.withLock { $0 = Heap(entries) }
        doorbell.ring()
    }

    /// Removes and returns up to `limit` entries due at `now`, earliest first.
    func popDue(now: Int64, limit: Int) -> [TimerEntry] {
        heap.withLock { heap in
            var due: [TimerEntry] = []
            while due.count < limit, let first = heap.min, first.instant <= now {
                heap.removeMin()
                due.append(first)
            }
            return due
        }
    }

    /// The earliest instant in the heap.
    var earliest: Int64? { heap.withLock { $0.min?.instant } }

    /// Entries in the heap, stale ones included.
    var count: Int { heap.withLock { $0.count } }
}

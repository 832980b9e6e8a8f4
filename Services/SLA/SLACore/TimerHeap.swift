/// A binary min-heap of (instant, clock) pairs: the next instant of every clock the scheduler
/// watches. O(log n) push and pop, 16 bytes per entry, so a million clocks take 16 MB.
///
/// Entries are hints, not truth: the clock's row says when it really fires next. A clock that was
/// stopped or moved leaves its old entry behind, which is dropped when it comes up; so stopping
/// or extending a clock never searches the heap.
struct TimerHeap: Sendable {
    /// When a clock fires next, and which (its row id).
    struct Entry: Sendable, Hashable, Comparable {
        var instant: Int64
        var clock: Int64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.instant != rhs.instant ? lhs.instant < rhs.instant : lhs.clock < rhs.clock
        }
    }

    private(set) var entries: [Entry] = []

    init() {}

    /// A heap over entries already sorted by instant (a sorted array is a valid heap), as read
    /// back in index order after a restart; `heapify` would be O(n) too, but needless then.
    init(sorted: [Entry]) {
        entries = sorted
        if !isHeap { heapify() }
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var min: Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        siftUp(from: entries.count - 1)
    }

    mutating func popMin() -> Entry? {
        guard !entries.isEmpty else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return last }
        let first = entries[0]
        entries[0] = last
        siftDown(from: 0)
        return first
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        let entry = entries[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry < entries[parent] else { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = entry
    }

    private mutating func siftDown(from index: Int) {
        let count = entries.count
        var parent = index
        let entry = entries[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, entries[child + 1] < entries[child] { child += 1 }
            guard entries[child] < entry else { break }
            entries[parent] = entries[child]
            parent = child
        }
        entries[parent] = entry
    }

    private mutating func heapify() {
        for index in stride(from: entries.count / 2 - 1, through: 0, by: -1) {
            siftDown(from: index)
        }
    }

    /// Whether every parent is at most its children (checked by tests and on reload).
    var isHeap: Bool {
        entries.indices.dropFirst().allSatisfy { !(entries[$0] < entries[($0 - 1) / 2]) }
    }
}

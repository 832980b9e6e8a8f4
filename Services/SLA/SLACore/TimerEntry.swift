/// When a clock fires next, and which (its row id): an entry of the scheduler's heap, 16 bytes,
/// so a million clocks take 16 MB.
///
/// Entries are hints, not truth: the clock's row says when it really fires next. A clock that was
/// stopped or moved leaves its old entry behind, which is dropped when it comes up; so stopping
/// or extending a clock never searches the heap.
struct TimerEntry: Sendable, Hashable, Comparable {
    var instant: Int64
    var clock: Int64

    /// Earlier instants first; clocks due at the same instant by row id, so ties fire in the
    /// order the clocks were created.
    static func < (lhs: TimerEntry, rhs: TimerEntry) -> Bool {
        lhs.instant != rhs.instant ? lhs.instant < rhs.instant : lhs.clock < rhs.clock
    }
}

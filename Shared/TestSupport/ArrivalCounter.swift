import Synchronization

/// Counts arrivals (handlers reached, calls answered) and opens `allArrived` once `target` of
/// them came, so that a test waits for "enough is under way" as an event, not for a time.
public final class ArrivalCounter: Sendable {
    public let target: Int
    public let allArrived = Gate()
    private let count = Atomic<Int>(0)

    public init(target: Int) {
        self.target = target
    }

    public var arrivals: Int { count.load(ordering: .relaxed) }

    public func arrive() {
        if count.add(1, ordering: .relaxed).newValue == target { allArrived.open() }
    }
}

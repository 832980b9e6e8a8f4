import Synchronization

/// Collects values that arrive from other tasks (fired events, deliveries, calls to fakes) and lets a test wait
/// until a number of them arrived: waiting on events, never on time. Tests carry a time limit,
/// so a value that never comes fails the test instead of hanging it.
public final class Collector<Element: Sendable>: Sendable {
    private struct State {
        public var items: [Element] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<[Element], Never>)] = []
    }

    private let state = Mutex(State())

    public init() {}

    public func append(_ element: Element) {
        append([element])
    }

    public func append(_ elements: [Element]) {
        let ready = state.withLock { state -> [(CheckedContinuation<[Element], Never>, [Element])] in
            state.items += elements
            let items = state.items
            let ready = state.waiters.filter { $0.count <= items.count }
            state.waiters.removeAll { $0.count <= items.count }
            return ready.map { ($0.continuation, items) }
        }
        for (continuation, items) in ready { continuation.resume(returning: items) }
    }

    /// Everything so far, once at least `count` values arrived.
    public func wait(forCount count: Int) async -> [Element] {
        await withCheckedContinuation { continuation in
            let items = state.withLock { state -> [Element]? in
                if state.items.count >= count { return state.items }
                state.waiters.append((count, continuation))
                return nil
            }
            if let items { continuation.resume(returning: items) }
        }
    }

    public var items: [Element] { state.withLock { $0.items } }
}

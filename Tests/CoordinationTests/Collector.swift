import Synchronization

/// Collects values that arrive from other tasks (calls to the fake services) and lets a test wait until a number
/// of them arrived: waiting on events, never on time. The suites carry a time limit, so a call that never comes
/// fails the test instead of hanging it.
final class Collector<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<[Element], Never>)] = []
    }

    private let state = Mutex(State())

    init() {}

    func append(_ element: Element) {
        let ready = state.withLock { state -> [(CheckedContinuation<[Element], Never>, [Element])] in
            state.items.append(element)
            let items = state.items
            let ready = state.waiters.filter { $0.count <= items.count }
            state.waiters.removeAll { $0.count <= items.count }
            return ready.map { ($0.continuation, items) }
        }
        for (continuation, items) in ready { continuation.resume(returning: items) }
    }

    /// Everything so far, once at least `count` values arrived.
    func wait(forCount count: Int) async -> [Element] {
        await withCheckedContinuation { continuation in
            let items = state.withLock { state -> [Element]? in
                if state.items.count >= count { return state.items }
                state.waiters.append((count, continuation))
                return nil
            }
            if let items { continuation.resume(returning: items) }
        }
    }

    var items: [Element] { state.withLock { $0.items } }
}

import NIOCore
import Synchronization

/// Gathers the frames that concurrent callers send on one channel and writes each gathering with
/// one event-loop hop and one flush.
///
/// A lone call goes out at once, as before; while a write is under way, further frames queue up
/// and leave together, so 64 calls in flight share system calls instead of paying one each.
final class WriteBatcher<Item: Sendable>: Sendable {
    private struct State {
        var pending: [Item] = []
        var draining = false
    }

    private let state = Mutex(State())

    /// Queues `item`; the caller that finds no drain under way becomes the drainer and sends
    /// batches through `send` until the queue is empty.
    func submit(_ item: Item, send: ([Item]) async -> Void) async {
        let drains = state.withLock { state in
            state.pending.append(item)
            if state.draining { return false }
            state.draining = true
            return true
        }
        guard drains else { return }
        while let batch = nextBatch() {
            await send(batch)
        }
    }

    /// Queues `item` for an event-loop drainer: `schedule` is called only by the caller that
    /// finds the queue idle, and the drainer takes everything queued by then with `takeAll()`.
    func submit(_ item: Item, schedule: () -> Void) {
        let schedules = state.withLock { state in
            state.pending.append(item)
            if state.draining { return false }
            state.draining = true
            return true
        }
        if schedules { schedule() }
    }

    /// Everything queued, and the queue marked idle, for the drainer that `schedule` started.
    func takeAll() -> [Item] {
        state.withLock { state in
            state.draining = false
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
    }

    private func nextBatch() -> [Item]? {
        state.withLock { state in
            if state.pending.isEmpty {
                state.draining = false
                return nil
            }
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
    }
}

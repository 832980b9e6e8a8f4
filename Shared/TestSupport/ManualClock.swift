public import Outbox
import Synchronization

/// A clock that moves only when a test says so: `sleep` suspends until `advance` passes the
/// deadline (or the sleeping task is cancelled). Lets scheduler tests run without real time.
public final class ManualClock: Clock, Sendable {
    public typealias Instant = UnixInstant

    private struct Sleeper {
        var deadline: UnixInstant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        public var now: UnixInstant
        var nextID = 0
        var sleepers: [Int: Sleeper] = [:]
        var sleeperWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

        /// Takes the waiters that `sleepers.count` now satisfies.
        mutating func readyWaiters() -> [CheckedContinuation<Void, Never>] {
            let count = sleepers.count
            defer { sleeperWaiters.removeAll { $0.count <= count } }
            return sleeperWaiters.filter { $0.count <= count }.map(\.continuation)
        }
    }

    private let state: Mutex<State>

    public init(unixMilliseconds: Int64) {
        state = Mutex(State(now: UnixInstant(unixMilliseconds: unixMilliseconds)))
    }

    public var now: UnixInstant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .zero }

    public func sleep(until deadline: UnixInstant, tolerance: Duration?) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (outcome, ready) = state.withLock {
                    state -> (Result<Void, any Error>?, [CheckedContinuation<Void, Never>]) in
                    if deadline <= state.now { return (.success(()), []) }
                    if Task.isCancelled { return (.failure(CancellationError()), []) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return (nil, state.readyWaiters())
                }
                for waiter in ready { waiter.resume() }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock to `instant` (never backwards) and wakes every sleeper whose deadline passed.
    public func advance(toUnixMilliseconds milliseconds: Int64) {
        let woken = state.withLock { state -> [Sleeper] in
            let instant = UnixInstant(unixMilliseconds: milliseconds)
            if instant > state.now { state.now = instant }
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return Array(due.values)
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks sleep on the clock: the scheduler waiting for its next
    /// instant, the sender backing off. Lets a test advance the clock only once they wait.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.sleeperWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    public func advance(byMinutes minutes: Int64) {
        advance(toUnixMilliseconds: now.unixMilliseconds + minutes * 60_000)
    }
}

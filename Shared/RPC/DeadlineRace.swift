import Synchronization

/// Whichever comes first of a handler's result and its call's deadline; the later one is dropped.
///
/// The deadline side is an event-loop timer (`CallDeadlines`), so the caller hears
/// `deadline_exceeded` when the deadline passes, whether or not the handler heeds its cancellation.
final class DeadlineRace: Sendable {
    enum Winner: Sendable {
        case handler(Result<[UInt8], any Error>)
        case deadline
    }

    private struct State {
        var winner: Winner?
        var waiter: UnsafeContinuation<Winner, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// Settles the race with `winner` unless it is already settled.
    func finish(_ winner: Winner) {
        let waiter: UnsafeContinuation<Winner, Never>? = state.withLock { state in
            guard state.winner == nil else { return nil }
            state.winner = winner
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: winner)
    }

    /// The winner, once there is one. Called once, by the call's task.
    func winner() async -> Winner {
        await withUnsafeContinuation { continuation in
            let settled: Winner? = state.withLock { state in
                if let winner = state.winner { return winner }
                state.waiter = continuation
                return nil
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }
}

import Synchronization

/// Whichever comes first of a handler's end and its call's deadline answers the call; the later
/// one is dropped.
///
/// The handler runs in the call's own task: a task of its own cost an allocation, an enqueue and
/// a wake-up per call. The deadline side is an event-loop timer (`CallDeadlines`); when it wins,
/// it cancels the call's task and sends `deadline_exceeded` from a task of its own, so the caller
/// hears it when the deadline passes whether or not the handler heeds its cancellation.
final class DeadlineRace: Sendable {
    private enum Winner {
        case handler
        /// Sending the deadline's answer.
        case deadline(Task<Void, Never>)
    }

    private struct State {
        var winner: Winner?
        /// The task running the handler, to cancel when the deadline wins. Set and cleared by `run`
        /// under the lock the deadline cancels it under, so it is alive whenever it is cancelled.
        nonisolated(unsafe) var callTask: UnsafeCurrentTask?
    }

    private let state = Mutex(State())
    private let answerDeadline: @Sendable () async -> Void

    /// `answerDeadline` sends the `deadline_exceeded` answer if the deadline wins.
    init(answeringDeadlineWith answerDeadline: @escaping @Sendable () async -> Void) {
        self.answerDeadline = answerDeadline
    }

    /// Runs `handler` in the current task: its result, or nil when the deadline came first (and
    /// its answer has been sent). A deadline that passed before it starts leaves `handler` unrun.
    func run(_ handler: () async throws -> [UInt8]) async -> Result<[UInt8], any Error>? {
        let passedBeforeStart: Task<Void, Never>? = withUnsafeCurrentTask { task in
            state.withLock { state in
                if case .deadline(let answer) = state.winner { return answer }
                state.callTask = task
                return nil
            }
        }
        if let passedBeforeStart {
            await passedBeforeStart.value
            return nil
        }
        let result: Result<[UInt8], any Error>
        do {
            result = .success(try await handler())
        } catch {
            result = .failure(error)
        }
        let deadlineAnswer: Task<Void, Never>? = state.withLock { state in
            state.callTask = nil
            if case .deadline(let answer) = state.winner { return answer }
            state.winner = .handler
            return nil
        }
        guard let deadlineAnswer else { return result }
        await deadlineAnswer.value
        return nil
    }

    /// The deadline passed: unless the handler has ended, its task is cancelled and the call answered.
    func expire() {
        state.withLock { state in
            guard state.winner == nil else { return }
            state.callTask?.cancel()
            state.callTask = nil
            state.winner = .deadline(Task { await answerDeadline() })
        }
    }
}

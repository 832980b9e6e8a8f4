import Synchronization

extension PlatformHTTPServer {
    /// Bounds the requests the gateway reads and forwards at once, so that its memory stays flat
    /// under any load: beyond `limit` in progress, a request waits its turn (first come, first
    /// served) for at most `maximumWait`, and only when the queue is full or the wait runs out is it
    /// refused (503 with Retry-After). A slow call holds one place for a moment; only intake behind
    /// for longer than the wait turns callers away.
    final class AdmissionGate: Sendable {
        struct Configuration: Sendable, Hashable {
            /// Requests read and forwarded at once.
            var limit: Int = 256
            /// Requests waiting for a place at most.
            var maximumWaiting: Int = 1_024
            /// How long a request waits for a place before it is refused.
            var maximumWait: Duration = .seconds(2)

            var maximumWaitMilliseconds: Int64 {
                maximumWait.components.seconds * 1000 + maximumWait.components.attoseconds / 1_000_000_000_000_000
            }
        }

        /// What the gate said to one request.
        enum Decision: Sendable, Equatable {
            case admitted
            /// No place within the wait, or no room to wait: the caller should retry later.
            case refused
        }

        private struct Waiter {
            var id: UInt64
            var continuation: CheckedContinuation<Decision, Never>?
            /// Decided before the waiter parked (a place freed, or the wait ran out, first).
            var decided: Decision?
        }

        private struct State {
            var inProgress = 0
            var waiting: [UInt64] = []
            var waiters: [UInt64: Waiter] = [:]
            var nextID: UInt64 = 0
        }

        let configuration: Configuration
        private let state = Mutex(State())

        init(configuration: Configuration = Configuration()) {
            precondition(configuration.limit >= 1 && configuration.maximumWaiting >= 0)
            self.configuration = configuration
        }

        /// Requests in progress and waiting, for metrics and tests.
        var load: (inProgress: Int, waiting: Int) {
            state.withLock { ($0.inProgress, $0.waiting.count) }
        }

        /// Runs `body` once admitted; `refused` otherwise, without running it.
        func withAdmission<T>(
            refused: () -> T, _ body: () async throws -> T
        ) async rethrows -> T {
            guard await enter() == .admitted else { return refused() }
            defer { leave() }
            return try await body()
        }

        /// Takes a place, waiting for one when all are taken.
        func enter() async -> Decision {
            enum Immediate {
                case admitted, refused
                case wait(UInt64)
            }
            let immediate: Immediate = state.withLock { state in
                if state.inProgress < configuration.limit {
                    state.inProgress += 1
                    return .admitted
                }
                guard state.waiting.count < configuration.maximumWaiting else { return .refused }
                let id = state.nextID
                state.nextID += 1
                state.waiting.append(id)
                state.waiters[id] = Waiter(id: id)
                return .wait(id)
            }
            switch immediate {
            case .admitted: return .admitted
            case .refused: return .refused
            case .wait(let id): return await wait(id)
            }
        }

        /// Gives the place back: to the first request waiting, if any.
        func leave() {
            let handedTo: CheckedContinuation<Decision, Never>?? = state.withLock { state in
                while !state.waiting.isEmpty {
                    let id = state.waiting.removeFirst()
                    guard var waiter = state.waiters[id] else { continue }
                    if let continuation = waiter.continuation {
                        state.waiters[id] = nil
                        return .some(continuation)
                    }
                    waiter.decided = .admitted
                    state.waiters[id] = waiter
                    return .some(nil)
                }
                state.inProgress -= 1
                return nil
            }
            if case .some(.some(let continuation)) = handedTo { continuation.resume(returning: .admitted) }
        }

        /// Waits for `id`'s turn or the end of its wait (or its task's cancellation), whichever first.
        private func wait(_ id: UInt64) async -> Decision {
            let maximumWait = configuration.maximumWait
            return await withTaskGroup(of: Decision?.self) { group in
                group.addTask {
                    await withCheckedContinuation { continuation in self.park(id, continuation) }
                }
                group.addTask {
                    try? await Task.sleep(for: maximumWait)
                    self.expire(id)
                    return nil
                }
                var decision = Decision.refused
                while let next = await group.next() {
                    guard let next else { continue }
                    decision = next
                    group.cancelAll()
                }
                return decision
            }
        }

        private func park(_ id: UInt64, _ continuation: CheckedContinuation<Decision, Never>) {
            let decided: Decision? = state.withLock { state in
                guard var waiter = state.waiters[id] else { return .refused }
                if let decided = waiter.decided {
                    state.waiters[id] = nil
                    return decided
                }
                waiter.continuation = continuation
                state.waiters[id] = waiter
                return nil
            }
            if let decided { continuation.resume(returning: decided) }
        }

        /// Ends `id`'s wait with a refusal, unless it was admitted already.
        private func expire(_ id: UInt64) {
            let refused: CheckedContinuation<Decision, Never>? = state.withLock { state in
                guard var waiter = state.waiters[id], waiter.decided == nil else { return nil }
                guard state.waiting.contains(id) else { return nil }
                state.waiting.removeAll { $0 == id }
                if let continuation = waiter.continuation {
                    state.waiters[id] = nil
                    return continuation
                }
                waiter.decided = .refused
                state.waiters[id] = waiter
                return nil
            }
            refused?.resume(returning: .refused)
        }
    }

    /// The answer of a request the gate refused: nothing of it was read or forwarded.
    static let atCapacity = APIError(
        status: 503, code: "temporarily_unavailable",
        message: "the gateway is at capacity and forwarded nothing: retry the same request later",
        retryAfterSeconds: 1
    )
}

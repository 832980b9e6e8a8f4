public import Logging
public import ServiceLifecycle
import Synchronization
public import Tracing

/// Delivers an outbox until every entry is delivered or given up: wakes when something was
/// enqueued (`wakeUp`), when an entry's next attempt or a destination's probe is due, and on
/// start (whatever a previous run left). Each destination's entries go in rounds of their own,
/// entries of one ordering key one after another, the rest in parallel; results are stored in
/// the store; every error is logged, none swallowed.
///
/// Runs on an injected clock, so that tests drive retries and probes without waiting.
public final class OutboxSender<Store: OutboxStore, C: Clock>: Service, Sendable
where C.Instant == UnixInstant, C.Duration == Duration {
    public typealias Deliver = @Sendable (Store.Entry) async -> DeliveryResult
    public typealias Outcome = (entry: Store.Entry, result: DeliveryResult)

    /// What the sender is doing now, for listings.
    public struct Status: Sendable {
        public var inFlight: Set<Int64>
        public var outages: [String: DestinationHealth.Outage]
    }

    public struct Configuration: Sendable {
        public var policy: OutboxRetryPolicy
        /// Entries read at a time.
        public var batchSize: Int
        /// Ordering keys delivered in parallel, per destination.
        public var concurrency: Int

        public init(policy: OutboxRetryPolicy = OutboxRetryPolicy(), batchSize: Int = 256, concurrency: Int = 16) {
            self.policy = policy
            self.batchSize = batchSize
            self.concurrency = concurrency
        }
    }

    private struct State {
        var health: DestinationHealth
        var inFlight: Set<Int64> = []
        /// Batch keys whose destination said it has no batch method, until when (Unix ms): an
        /// upgraded receiver is asked again after a while.
        var unbatchedUntil: [String: Int64] = [:]
        /// Destinations with a round in progress.
        var busy: Set<String> = []
        /// Per destination: rounds in a row whose results could not be stored, and rounds in a
        /// row where every attempt failed (paced when the store does not schedule retries).
        var recordFailures: [String: Int] = [:]
        var failedRounds: [String: Int] = [:]
    }

    /// How long a batch key goes one entry at a time after its destination had no batch method.
    static var unbatchedInterval: Int64 { 300_000 }

    public let name: String
    let store: Store
    private let clock: C
    private let configuration: Configuration
    private let deliver: Deliver
    private let logger: Logger
    private let observer: (@Sendable ([Outcome]) -> Void)?
    private let doorbell: Doorbell
    private let state: Mutex<State>
    private let tracer: any Tracer
    private let batching: OutboxBatching<Store.Entry>?

    /// - Parameters:
    ///   - name: the outbox's name in logs (`sla`, `platform`, …).
    ///   - doorbell: rung when something was enqueued (the owner's, when it rings it itself).
    ///   - deliver: one attempt at one entry; never throws, so that every result is stored.
    ///   - observer: told of each round's results once they are stored (for tests).
    ///   - tracer: records a span per attempt, continuing the trace that wrote the entry.
    ///   - batching: how entries that fall due together share one call, where the destination can.
    public init(
        name: String,
        store: Store,
        clock: C,
        configuration: Configuration = Configuration(),
        doorbell: Doorbell = Doorbell(),
        logger: Logger,
        observer: (@Sendable ([Outcome]) -> Void)? = nil,
        tracer: any Tracer = InstrumentationSystem.tracer,
        batching: OutboxBatching<Store.Entry>? = nil,
        deliver: @escaping Deliver
    ) {
        self.tracer = tracer
        self.batching = batching
        self.name = name
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.doorbell = doorbell
        self.deliver = deliver
        self.logger = logger
        self.observer = observer
        self.state = Mutex(State(health: DestinationHealth(policy: configuration.policy)))
    }

    /// Tells the sender that something was enqueued or made due.
    public func wakeUp() { doorbell.ring() }

    public var status: Status {
        state.withLock { Status(inFlight: $0.inFlight, outages: $0.health.outages) }
    }

    /// Runs until cancelled or shut down gracefully; a round in progress is abandoned, its entries
    /// delivered again after the restart (receivers are idempotent).
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            return
        }
    }

    /// Reads what is due and hands each destination's entries to a round of their own, so that a
    /// slow or lost destination holds back only its own entries (a console that is slow to take
    /// notifications must not delay the clock starts beside them); a destination with a round in
    /// progress is left out of the next reads until its round is recorded.
    private func loop() async throws {
        var readFailures = 0
        try await withThrowingDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = clock.now.unixMilliseconds
                let excluded = state.withLock { $0.health.waiting(at: now).union($0.busy) }
                let batch: [Store.Entry]
                do {
                    let due = try await store.due(at: now, limit: configuration.batchSize, excluding: excluded)
                    batch = state.withLock { $0.health.admit(due, at: now) }
                    readFailures = 0
                } catch {
                    // Shutting down: the read was cancelled, nothing failed.
                    if Task.isCancelled { throw CancellationError() }
                    readFailures += 1
                    logger.error("outbox.read_failed", metadata: ["outbox": "\(name)", "error": "\(error)"])
                    try await clock.sleep(for: configuration.policy.delay(afterFailedAttempts: readFailures))
                    continue
                }
                if batch.isEmpty {
                    try await waitForWork(excluding: excluded)
                    continue
                }
                for (destination, entries) in Dictionary(grouping: batch, by: \.destination) {
                    state.withLock { _ = $0.busy.insert(destination) }
                    group.addTask {
                        defer {
                            self.state.withLock { _ = $0.busy.remove(destination) }
                            self.doorbell.ring()
                        }
                        try await self.runRound(entries, to: destination)
                    }
                }
            }
        }
    }

    /// Delivers one destination's due entries, stores the results and paces the destination
    /// when its store cannot (every attempt failed and nothing schedules the retry).
    private func runRound(_ entries: [Store.Entry], to destination: String) async throws {
        let outcomes = await deliverRound(entries)
        let finished = clock.now.unixMilliseconds
        let (recovered, lost) = state.withLock { state in
            let before = Set(state.health.outages.keys)
            let recovered = state.health.record(outcomes, at: finished)
            return (recovered, Set(state.health.outages.keys).subtracting(before))
        }
        do {
            try await store.record(outcomes, at: finished)
            for recovered in recovered {
                try await store.resume(destination: recovered, at: finished)
                logger.notice(
                    "outbox.destination.recovered",
                    metadata: ["outbox": "\(name)", "outbox.destination": "\(recovered)"])
            }
            state.withLock { $0.recordFailures[destination] = nil }
        } catch {
            // Not stored: those entries are delivered again later, which receivers tolerate. Cut
            // short by a shutdown, that is all it is.
            if Task.isCancelled { throw CancellationError() }
            let failures = state.withLock { state in
                state.recordFailures[destination, default: 0] += 1
                return state.recordFailures[destination, default: 1]
            }
            logger.error("outbox.record_failed", metadata: ["outbox": "\(name)", "error": "\(error)"])
            try await clock.sleep(for: configuration.policy.delay(afterFailedAttempts: failures))
            return
        }
        observer?(outcomes)
        log(outcomes, lost: lost)
        // A store that does not schedule retries returns failed entries at once: pace it.
        let allFailed =
            !store.schedulesRetries && outcomes.contains(where: \.result.isRetried)
            && !outcomes.contains(where: \.result.isDelivered)
        let failedRounds = state.withLock { state in
            state.failedRounds[destination] = allFailed ? state.failedRounds[destination, default: 0] + 1 : nil
            return state.failedRounds[destination] ?? 0
        }
        if failedRounds > 0 {
            try await clock.sleep(for: configuration.policy.delay(afterFailedAttempts: failedRounds))
        }
    }

    /// Waits for a ring, the next scheduled attempt or the next probe, whichever comes first.
    private func waitForWork(excluding excluded: Set<String>) async throws {
        // A destination with a round under way rings when it ends; its stale probe time must not wake us.
        var wake = state.withLock { $0.health.nextProbe(excluding: $0.busy) }
        do {
            if let next = try await store.nextAttempt(excluding: excluded) { wake = min(wake ?? next, next) }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            logger.error("outbox.read_failed", metadata: ["outbox": "\(name)", "error": "\(error)"])
            wake =
                clock.now.unixMilliseconds + DestinationHealth.milliseconds(configuration.policy.maximumProbeInterval)
        }
        let clock = clock
        let doorbell = doorbell
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await doorbell.wait() }
            if let wake {
                group.addTask { try? await clock.sleep(until: UnixInstant(unixMilliseconds: wake), tolerance: nil) }
            }
            await group.next()
            group.cancelAll()
        }
        try Task.checkCancellation()
    }

    /// One piece of a round's work, and what it finished with.
    private enum Work: Sendable {
        case lane([Store.Entry])
        case batch(OutboxRound<Store.Entry>.Batch)
    }

    private struct Finished: Sendable {
        var outcomes: [Outcome]
        /// What the work leaves to do: the rest of the lanes a batch started.
        var then: [Work]
    }

    /// Delivers a round: ordering keys in parallel, each key's entries in sequence, a key stopped
    /// at its first entry that was not delivered so that its later entries wait for it; the first
    /// entries of many keys in batches where the destination takes them (`OutboxBatching`).
    private func deliverRound(_ batch: [Store.Entry]) async -> [Outcome] {
        let now = clock.now.unixMilliseconds
        let unbatched = state.withLock { state in
            state.unbatchedUntil = state.unbatchedUntil.filter { $0.value > now }
            return Set(state.unbatchedUntil.keys)
        }
        let round = OutboxRound(batch, batching: batching, unbatched: unbatched)
        state.withLock { $0.inFlight.formUnion(batch.map(\.id)) }
        defer { state.withLock { $0.inFlight.subtract(batch.map(\.id)) } }
        var pending: [Work] = round.batches.map(Work.batch) + round.lanes.map(Work.lane)
        pending.reverse()
        return await withTaskGroup(of: Finished.self) { group in
            func addNext() -> Bool {
                guard let work = pending.popLast() else { return false }
                group.addTask { await self.perform(work) }
                return true
            }
            var started = 0
            while started < configuration.concurrency, addNext() { started += 1 }
            var all: [Outcome] = []
            all.reserveCapacity(batch.count)
            while let finished = await group.next() {
                all.append(contentsOf: finished.outcomes)
                pending.insert(contentsOf: finished.then.reversed(), at: 0)
                _ = addNext()
            }
            return all
        }
    }

    private func perform(_ work: Work) async -> Finished {
        switch work {
        case .lane(let lane):
            var outcomes: [Outcome] = []
            for entry in lane {
                let result = await Self.traced(entry, outbox: name, tracer: tracer, deliver: deliver)
                outcomes.append((entry, result))
                if result.isRetried { break }
            }
            return Finished(outcomes: outcomes, then: [])
        case .batch(let batch):
            guard let batching else {
                return Finished(outcomes: [], then: zip(batch.entries, batch.tails).map { .lane([$0] + $1) })
            }
            let answer = await Self.tracedBatch(batch.entries, outbox: name, tracer: tracer, deliver: batching.deliver)
            guard let results = OutboxBatching<Store.Entry>.results(of: answer, count: batch.entries.count) else {
                let until = clock.now.unixMilliseconds + Self.unbatchedInterval
                state.withLock { $0.unbatchedUntil[batch.key] = until }
                logger.notice(
                    "outbox.batch.unsupported", metadata: ["outbox": "\(name)", "outbox.batch": "\(batch.key)"])
                return Finished(outcomes: [], then: zip(batch.entries, batch.tails).map { .lane([$0] + $1) })
            }
            var outcomes: [Outcome] = []
            var then: [Work] = []
            for (index, entry) in batch.entries.enumerated() {
                outcomes.append((entry, results[index]))
                if !results[index].isRetried, !batch.tails[index].isEmpty { then.append(.lane(batch.tails[index])) }
            }
            return Finished(outcomes: outcomes, then: then)
        }
    }

    /// Logs what needs someone: a given-up entry (error), a failed attempt (warning), a
    /// destination lost (warning, once per outage; its probes at debug).
    private func log(_ outcomes: [Outcome], lost: Set<String>) {
        var reported: Set<String> = []
        for (entry, result) in outcomes {
            if case .delivered = result { continue }
            var metadata: Logger.Metadata = [
                "outbox": "\(name)", "outbox.id": "\(entry.id)", "outbox.destination": "\(entry.destination)",
                "error": "\(result.error)",
            ]
            if let traceID = Self.traceID(of: entry) {
                metadata["trace.id"] = "\(traceID)"
            }
            switch result {
            case .delivered:
                continue
            case .refused:
                logger.error("outbox.entry.given_up", metadata: metadata)
            case .failed:
                logger.warning("outbox.delivery.failed", metadata: metadata)
            case .unreachable:
                if lost.contains(entry.destination), reported.insert(entry.destination).inserted {
                    logger.warning("outbox.destination.unreachable", metadata: metadata)
                } else {
                    logger.debug("outbox.delivery.failed", metadata: metadata)
                }
            }
        }
    }
}

public import Logging
public import ServiceLifecycle
import RPC

/// The background part of the SLA service that delivers fired events: reads the undelivered ones
/// from `sla_event` in order, hands them to the sink (intake), stores each outcome, and backs off
/// while the sink fails. On start it simply finds whatever a previous run left undelivered.
///
/// Events of one order go one after another, so that its log shows "warning" before "overdue";
/// different orders go in parallel.
public final class OutboxSender<C: Clock>: Service where C.Instant == UnixInstant, C.Duration == Duration {
    private let engine: SLAEngine
    private let sink: any ClockEventSink
    private let clock: C
    private let batchSize: Int
    private let concurrency: Int
    private let initialBackoff: Duration
    private let maximumBackoff: Duration
    private let logger: Logger
    private let observer: (@Sendable ([(event: FiredEvent, outcome: DeliveryOutcome)]) -> Void)?

    /// - Parameters:
    ///   - batchSize: undelivered events read at a time.
    ///   - concurrency: orders delivered in parallel.
    ///   - initialBackoff, maximumBackoff: the exponential wait between rounds while the sink
    ///     fails (with jitter).
    ///   - observer: told of every round's outcomes once they are stored (for tests).
    public init(
        engine: SLAEngine,
        sink: any ClockEventSink,
        clock: C,
        batchSize: Int = 256,
        concurrency: Int = 16,
        initialBackoff: Duration = .milliseconds(200),
        maximumBackoff: Duration = .seconds(30),
        logger: Logger,
        observer: (@Sendable ([(event: FiredEvent, outcome: DeliveryOutcome)]) -> Void)? = nil
    ) {
        self.engine = engine
        self.sink = sink
        self.clock = clock
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.logger = logger
        self.observer = observer
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.loop() }
    }

    private func loop() async throws {
        var backoff = ReconnectBackoff(initial: initialBackoff, maximum: maximumBackoff)
        while !Task.isCancelled {
            var failures = 0
            do {
                let batch = try await engine.pendingEvents(limit: batchSize)
                if batch.isEmpty {
                    await engine.outbox.wait()
                    continue
                }
                let outcomes = await deliver(batch)
                try engine.recordDeliveries(outcomes, now: clock.now.unixMilliseconds)
                observer?(outcomes)
                failures = outcomes.count { !$0.outcome.isFinal }
                for (event, outcome) in outcomes {
                    if case .rejected(let reason) = outcome {
                        logger.error("sla.outbox.rejected", metadata: ["event.id": "\(event.eventID)", "error": "\(reason)"])
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("sla.outbox.storage_failed", metadata: ["error": "\(error)"])
                failures = 1
            }
            if failures == 0 {
                backoff.reset()
                continue
            }
            let delay = backoff.delayAfterFailure()
            logger.warning("sla.outbox.retrying", metadata: ["events.failed": "\(failures)", "retry.ms": "\(milliseconds(delay))"])
            do { try await clock.sleep(for: delay) } catch { return }
        }
    }

    /// Delivers a batch, orders in parallel and each order's events in sequence, stopping an
    /// order at its first failure so that its later events wait for it.
    private func deliver(_ batch: [FiredEvent]) async -> [(event: FiredEvent, outcome: DeliveryOutcome)] {
        var byOrder: [String: [FiredEvent]] = [:]
        var orders: [String] = []
        for event in batch {
            if byOrder[event.orderID] == nil { orders.append(event.orderID) }
            byOrder[event.orderID, default: []].append(event)
        }
        let sink = self.sink
        return await withTaskGroup(of: [(event: FiredEvent, outcome: DeliveryOutcome)].self) { group in
            var pending = orders.makeIterator()
            func addNext() -> Bool {
                guard let order = pending.next(), let events = byOrder[order] else { return false }
                group.addTask {
                    var outcomes: [(event: FiredEvent, outcome: DeliveryOutcome)] = []
                    for event in events {
                        let outcome = await sink.deliver(event)
                        outcomes.append((event, outcome))
                        if !outcome.isFinal { break }
                    }
                    return outcomes
                }
                return true
            }
            for _ in 0..<concurrency {
                if !addNext() { break }
            }
            var all: [(event: FiredEvent, outcome: DeliveryOutcome)] = []
            all.reserveCapacity(batch.count)
            while let outcomes = await group.next() {
                all.append(contentsOf: outcomes)
                _ = addNext()
            }
            return all.sorted { $0.event.seq < $1.event.seq }
        }
    }

    private func milliseconds(_ duration: Duration) -> Int64 {
        UnixInstant.nanoseconds(of: duration) / 1_000_000
    }
}

public import Logging
public import Outbox
import RPC
public import ServiceLifecycle

/// The background part of the SLA service that fires clocks: sleeps until the earliest instant
/// in the heap (or until a new clock comes earlier), fires what is due through
/// `SLAEngine.fireDue`, and repeats. No scan and no cap: each clock fires at its own instant,
/// however many there are; a backlog (after a restart) is worked off in batches at once.
///
/// Generic over the clock it sleeps on, so that tests drive it with a manual clock and no real
/// time passes.
public final class ClockScheduler<C: Clock>: Service where C.Instant == UnixInstant, C.Duration == Duration {
    private let engine: SLAEngine
    private let clock: C
    private let batchLimit: Int
    private let observer: (@Sendable ([FiredEvent]) -> Void)?
    private let logger: Logger
    private let metrics: SLAMetrics

    /// - Parameters:
    ///   - batchLimit: events fired per transaction at most; a larger backlog takes several.
    ///   - metrics: where the firing lag goes.
    ///   - observer: told of every batch fired, after it is durable (for tests and the benchmark).
    public init(
        engine: SLAEngine,
        clock: C,
        batchLimit: Int = 2_000,
        logger: Logger,
        metrics: SLAMetrics = SLAMetrics(),
        observer: (@Sendable ([FiredEvent]) -> Void)? = nil
    ) {
        self.metrics = metrics
        self.engine = engine
        self.clock = clock
        self.batchLimit = batchLimit
        self.logger = logger
        self.observer = observer
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.loop() }
    }

    private func loop() async throws {
        // Storage failures (disk full, I/O error) are retried with backoff; the popped entries
        // went back into the heap, so nothing is lost.
        var backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(30))
        while !Task.isCancelled {
            let now = clock.now.unixMilliseconds
            do {
                let result = try await engine.fireDue(now: now, limit: batchLimit)
                backoff.reset()
                if !result.fired.isEmpty {
                    metrics.record(fired: result.fired)
                    observer?(result.fired)
                    logger.debug("sla.scheduler.fired", metadata: ["events.count": "\(result.fired.count)"])
                }
                if result.more { continue }
            } catch is CancellationError {
                return
            } catch {
                let delay = backoff.delayAfterFailure()
                logger.error(
                    "sla.scheduler.fire_failed",
                    metadata: ["error": "\(error)", "retry.ms": "\(delay.components.seconds * 1000)"])
                do { try await clock.sleep(for: delay) } catch { return }
                continue
            }
            guard let next = engine.nextInstant else {
                await engine.queue.doorbell.wait()
                continue
            }
            if next <= clock.now.unixMilliseconds { continue }
            await sleep(until: next)
        }
    }

    /// Sleeps until `instant` or until an earlier clock arrives, whichever comes first.
    private func sleep(until instant: Int64) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await self.clock.sleep(until: UnixInstant(unixMilliseconds: instant), tolerance: nil) }
            group.addTask { await self.engine.queue.doorbell.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

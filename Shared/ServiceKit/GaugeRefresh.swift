public import Logging
public import ServiceLifecycle

/// Sets gauges that are counted rather than tracked (outbox depth, orders by state, live clocks)
/// every `interval`: one cheap query now and then instead of work on every request. A failed
/// refresh is logged and tried again at the next interval.
public struct GaugeRefresh<C: Clock>: Service where C.Duration == Duration {
    public let name: String
    let interval: Duration
    let clock: C
    let logger: Logger
    let refresh: @Sendable () async throws -> Void

    /// - Parameters:
    ///   - name: what is refreshed, for the log (`outbox.depth`).
    ///   - refresh: counts and sets the gauges.
    public init(
        name: String, interval: Duration, clock: C, logger: Logger, refresh: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.clock = clock
        self.logger = logger
        self.refresh = refresh
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await refresh()
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.error(
                            "metrics.refresh_failed", metadata: ["metrics.refresh": "\(name)", "error": "\(error)"])
                    }
                    try await clock.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}

import Synchronization
public import WireProtocol

/// Calls, errors and latencies a server has seen since it started, overall and per method, and
/// the gauges the service sets about its own work.
public final class ServerStatistics: Sendable {
    private struct Counters {
        var calls: UInt64 = 0
        var errors: UInt64 = 0
        var latency = LatencyHistogram()

        mutating func record(microseconds: UInt64, failed: Bool) {
            calls += 1
            if failed { errors += 1 }
            latency.record(microseconds: microseconds)
        }

        var summary: LatencySummary {
            LatencySummary(
                p50Microseconds: Int64(clamping: latency.percentile(0.50)),
                p90Microseconds: Int64(clamping: latency.percentile(0.90)),
                p99Microseconds: Int64(clamping: latency.percentile(0.99)),
                maxMicroseconds: Int64(clamping: latency.maximum)
            )
        }
    }

    private struct State {
        var total = Counters()
        var byMethod: [String: Counters] = [:]
        var openConnections: UInt32 = 0
        var gauges: [String: Int64] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    func record(method: String, microseconds: UInt64, failed: Bool) {
        state.withLock { state in
            state.total.record(microseconds: microseconds, failed: failed)
            state.byMethod[method, default: Counters()].record(microseconds: microseconds, failed: failed)
        }
    }

    /// Sets a gauge that `stats` reports (`orders.stuck`).
    public func setGauge(_ name: String, to value: Int64) {
        state.withLock { $0.gauges[name] = value }
    }

    func connectionOpened() { state.withLock { $0.openConnections += 1 } }

    func connectionClosed() { state.withLock { $0.openConnections -= 1 } }

    /// A snapshot for the `stats` method.
    public func snapshot(service: String) -> StatsResponse {
        state.withLock { state in
            StatsResponse(
                service: service,
                callsServed: state.total.calls,
                errors: state.total.errors,
                latency: state.total.summary,
                methods: state.byMethod.sorted { $0.key < $1.key }.map { method, counters in
                    return MethodStats(
                        method: method,
                        calls: counters.calls,
                        errors: counters.errors,
                        latency: counters.summary
                    )
                },
                openConnections: state.openConnections,
                gauges: state.gauges.keys.sorted().map { Gauge(name: $0, value: state.gauges[$0] ?? 0) }
            )
        }
    }
}

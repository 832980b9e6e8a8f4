public import CoreMetrics
import Metrics
import Synchronization
public import WireProtocol

/// Calls, errors and latencies a server has seen since it started, overall and per method, and
/// the gauges the service sets about its own work.
///
/// Every call is recorded once, here: the same call updates the swift-metrics instruments that
/// `/metrics` exposes and the tallies the `stats` method reports, so `subanctl probe` and a
/// Prometheus scrape count the same calls.
public final class ServerStatistics: Sendable {
    /// The `method` label of calls to a method no handler serves: one label for all of them, so
    /// that a caller inventing names cannot grow the metrics without bound.
    public static let unregisteredMethod = "unregistered"

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
    private let metrics: RPCServerMetrics

    /// - Parameter metricsFactory: where the instruments go; the process's bootstrapped factory
    ///   unless a test passes its own (`TestMetrics`).
    public init(metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        metrics = RPCServerMetrics(factory: metricsFactory)
    }

    func record(method: String, nanoseconds: Int64, status: StatusCode) {
        let microseconds = UInt64(max(0, nanoseconds) / 1000)
        let failed = status != .ok
        state.withLock { state in
            state.total.record(microseconds: microseconds, failed: failed)
            state.byMethod[method, default: Counters()].record(microseconds: microseconds, failed: failed)
        }
        metrics.record(method: method, status: status, nanoseconds: max(0, nanoseconds))
    }

    /// Sets a gauge that `stats` reports (`orders.stuck`) and `/metrics` exposes as
    /// `suban_orders_stuck`.
    public func setGauge(_ name: String, to value: Int64) {
        state.withLock { $0.gauges[name] = value }
        CoreMetrics.Gauge(label: Self.metricName(ofGauge: name), factory: metrics.factory).record(value)
    }

    /// `orders.stuck` → `suban_orders_stuck`: Prometheus names allow no dots.
    public static func metricName(ofGauge name: String) -> String {
        "suban_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    func connectionOpened() {
        state.withLock { $0.openConnections += 1 }
        metrics.connections.increment()
    }

    func connectionClosed() {
        state.withLock { $0.openConnections -= 1 }
        metrics.connections.decrement()
    }

    /// A snapshot for the `stats` method.
    public func snapshot(service: String) -> StatsResponse {
        state.withLock { state in
            StatsResponse(
                service: service,
                callsServed: state.total.calls,
                errors: state.total.errors,
                latency: state.total.summary,
                methods: state.byMethod.sorted { $0.key < $1.key }.map { method, counters in
                    MethodStats(
                        method: method, calls: counters.calls, errors: counters.errors, latency: counters.summary)
                },
                openConnections: state.openConnections,
                gauges: state.gauges.sorted { $0.key < $1.key }.map {
                    WireProtocol.Gauge(name: $0.key, value: $0.value)
                }
            )
        }
    }
}

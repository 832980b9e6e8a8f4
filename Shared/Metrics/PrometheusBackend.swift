public import Prometheus

/// The Prometheus side of the process's metrics: a registry and the swift-metrics factory over
/// it. Only a `@main` (ServiceMain) bootstraps `MetricsSystem` with it; libraries and tests use
/// the swift-metrics API with whatever factory they are given.
public enum PrometheusBackend {
    /// Buckets for call and commit latencies: RPC calls and SQLite commits take from tens of
    /// microseconds to seconds, below the Prometheus defaults (5 ms upward).
    public static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10),
    ]

    /// A factory over `registry` whose timers use `latencyBuckets`.
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        return factory
    }
}

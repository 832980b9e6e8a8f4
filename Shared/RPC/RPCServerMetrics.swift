import CoreMetrics
import WireProtocol

/// The server side of RPC in swift-metrics: calls by method and status, call latency by method,
/// and open connections. Labels stay few: `method` is a registered method name (or
/// `unregistered`), `status` one of the status codes.
struct RPCServerMetrics: Sendable {
    static let calls = "suban_rpc_server_calls_total"
    static let duration = "suban_rpc_server_call_duration_seconds"
    static let connections = "suban_rpc_server_connections"

    let factory: any MetricsFactory
    let connections: Meter

    init(factory: any MetricsFactory) {
        self.factory = factory
        self.connections = Meter(label: Self.connections, factory: factory)
    }

    /// Counts one answered call. The factories (Prometheus, `TestMetrics`) keep one handler per
    /// label and dimensions, so building the metric per call looks the handler up rather than
    /// registering a new one.
    func record(method: String, status: StatusCode, nanoseconds: Int64) {
        Counter(label: Self.calls, dimensions: [("method", method), ("status", status.description)], factory: factory)
            .increment()
        CoreMetrics.Timer(label: Self.duration, dimensions: [("method", method)], factory: factory).recordNanoseconds(
            nanoseconds)
    }
}

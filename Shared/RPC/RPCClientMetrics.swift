import CoreMetrics
import WireProtocol

/// The client side of RPC in swift-metrics: calls by method and status and their latency, as the
/// caller saw them (connection waits and retries included).
struct RPCClientMetrics: Sendable {
    static let calls = "suban_rpc_client_calls_total"
    static let duration = "suban_rpc_client_call_duration_seconds"

    let factory: any MetricsFactory

    func record(method: String, status: StatusCode, nanoseconds: Int64) {
        Counter(label: Self.calls, dimensions: [("method", method), ("status", status.description)], factory: factory)
            .increment()
        CoreMetrics.Timer(label: Self.duration, dimensions: [("method", method)], factory: factory).recordNanoseconds(
            max(0, nanoseconds))
    }
}

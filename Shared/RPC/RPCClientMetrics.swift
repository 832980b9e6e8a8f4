import CoreMetrics
import WireProtocol

/// The client side of RPC in swift-metrics: calls by method and status and their latency, as the
/// caller saw them (connection waits and retries included).
struct RPCClientMetrics: Sendable {
    static let calls = "suban_rpc_client_calls_total"
    static let duration = "suban_rpc_client_call_duration_seconds"

    private let instruments: CallInstruments

    init(factory: any MetricsFactory) {
        self.instruments = CallInstruments(calls: Self.calls, duration: Self.duration, factory: factory)
    }

    func record(method: String, status: StatusCode, nanoseconds: Int64) {
        instruments.record(method: method, status: status, nanoseconds: nanoseconds)
    }
}

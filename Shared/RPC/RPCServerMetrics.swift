import CoreMetrics
import WireProtocol

/// The server side of RPC in swift-metrics: calls by method and status, call latency by method,
/// and open connections. Labels stay few: `method` is a registered method name (or
/// `unregistered`), `status` one of the status codes.
struct RPCServerMetrics: Sendable {
    static let calls = "suban_rpc_server_calls_total"
    static let duration = "suban_rpc_server_call_duration_seconds"
    static let connections = "suban_rpc_server_connections"

    var factory: any MetricsFactory { instruments.factory }
    let connections: Meter
    private let instruments: CallInstruments

    init(factory: any MetricsFactory) {
        self.instruments = CallInstruments(calls: Self.calls, duration: Self.duration, factory: factory)
        self.connections = Meter(label: Self.connections, factory: factory)
    }

    /// Counts one answered call.
    func record(method: String, status: StatusCode, nanoseconds: Int64) {
        instruments.record(method: method, status: status, nanoseconds: nanoseconds)
    }
}

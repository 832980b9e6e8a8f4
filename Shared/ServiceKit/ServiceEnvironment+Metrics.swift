public import ServiceDirectory
import ServiceMetrics

extension ServiceEnvironment {
    /// Reads `SUBAN_<SERVICE>_METRICS_HOST` and `_METRICS_PORT`: by default the service's own metrics
    /// port on its RPC host, or a free port when the RPC port is 0 (tests running many services
    /// at once), and nothing at all with `off`.
    static func metrics(
        service: ServiceName,
        environment: [String: String],
        host rpcHost: String,
        rpcPort: Int
    ) throws(ConfigurationError) -> MetricsServer.Configuration? {
        let prefix = service.environmentPrefix
        if environment[prefix + "METRICS_PORT"] == "off" { return nil }
        let host = environment[prefix + "METRICS_HOST"] ?? rpcHost
        if host.isEmpty {
            throw ConfigurationError(variable: prefix + "METRICS_HOST", value: host, expected: "a host name or address")
        }
        let port: Int
        do {
            port = try integer(
                environment, prefix + "METRICS_PORT", default: rpcPort == 0 ? 0 : service.defaultMetricsPort,
                in: 0...65535)
        } catch {
            throw ConfigurationError(
                variable: error.variable, value: error.value, expected: "\(error.expected), or off")
        }
        return MetricsServer.Configuration(host: host, port: port)
    }

    /// The metrics lines of `effectiveConfiguration`.
    var metricsConfiguration: [String] {
        let prefix = service.environmentPrefix
        guard let metrics else { return ["\(prefix)METRICS_PORT=off"] }
        return ["\(prefix)METRICS_HOST=\(metrics.host)", "\(prefix)METRICS_PORT=\(metrics.port)"]
    }
}

extension ServiceName {
    /// The default port of `GET /metrics`: 742x, the RPC port plus 20 (7416 is the console's pages).
    public var defaultMetricsPort: Int { defaultPort + 20 }
}

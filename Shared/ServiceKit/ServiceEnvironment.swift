public import Logging
public import PersonalData
public import ServiceDirectory
public import ServiceMetrics

/// A service's configuration, read from environment variables with documented defaults.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_<SERVICE>_HOST` | `127.0.0.1` | address to listen on |
/// | `SUBAN_<SERVICE>_PORT` | the service's port (7401–7405) | port; 0 picks a free one |
/// | `SUBAN_DATA_DIR` | `./var` | folder of the services' SQLite files |
/// | `SUBAN_MAX_FRAME_BYTES` | 4194304 | largest accepted frame |
/// | `SUBAN_<SERVICE>_RPC_IDLE_TIMEOUT_SECONDS` | 300 | an RPC connection with no call running and no byte read for this long is closed; 0 never |
/// | `SUBAN_<SERVICE>_RPC_MAX_CALLS_IN_FLIGHT` | 256 | calls one RPC connection may run at once; more are refused with `resource_exhausted` |
/// | `SUBAN_LOG_LEVEL` | `info` | trace, debug, info, notice, warning, error, critical |
/// | `SUBAN_OTLP_ENDPOINT` | unset: no export | base URL of an OTLP/HTTP collector that receives the service's spans |
/// | `SUBAN_<SERVICE>_METRICS_HOST` | the service's `HOST` | address `/metrics` listens on |
/// | `SUBAN_<SERVICE>_METRICS_PORT` | the service's metrics port (7421–7426; 0 when the RPC port is 0) | Prometheus `/metrics` port; 0 picks a free one, `off` serves none |
public struct ServiceEnvironment: Sendable, Equatable {
    /// A variable with a value that cannot be used; the service refuses to start.
    public typealias ConfigurationError = ServiceConfigurationError

    public var service: ServiceName
    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var maximumFrameLength: Int
    /// Nil: idle RPC connections are never closed.
    public var rpcIdleTimeout: Duration?
    public var rpcMaximumCallsInFlight: Int
    public var logLevel: Logger.Level
    /// Where spans are exported (OTLP/HTTP); nil: nowhere.
    public var otlpEndpoint: String?
    /// Where `GET /metrics` is served; nil: nowhere (`METRICS_PORT=off`).
    public var metrics: MetricsServer.Configuration?
    /// The ring sealing callers' personal data, for the services that keep it (`KeepsPersonalData`):
    /// set by `ServiceMain` before `makeParts`.
    public var personalData: PersonalDataKeys?

    /// Reads the configuration of `service` from `environment`.
    public init(service: ServiceName, environment: [String: String]) throws(ConfigurationError) {
        self.service = service
        let prefix = service.environmentPrefix
        let address = try ServiceAddress(of: service, environment: environment)
        host = address.host
        port = address.port
        dataDirectory = environment["SUBAN_DATA_DIR"] ?? "./var"
        if dataDirectory.isEmpty {
            throw ConfigurationError(variable: "SUBAN_DATA_DIR", value: "", expected: "a folder path")
        }
        maximumFrameLength = try Self.integer(
            environment,
            "SUBAN_MAX_FRAME_BYTES",
            default: 4 << 20,
            in: 1024...(256 << 20)
        )
        let idleSeconds = try Self.integer(
            environment, prefix + "RPC_IDLE_TIMEOUT_SECONDS", default: 300, in: 0...86_400)
        rpcIdleTimeout = idleSeconds == 0 ? nil : .seconds(idleSeconds)
        rpcMaximumCallsInFlight = try Self.integer(
            environment, prefix + "RPC_MAX_CALLS_IN_FLIGHT", default: 256, in: 1...65_536)
        let level = environment["SUBAN_LOG_LEVEL"] ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else {
            throw ConfigurationError(
                variable: "SUBAN_LOG_LEVEL",
                value: level,
                expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        logLevel = parsed
        if let endpoint = environment["SUBAN_OTLP_ENDPOINT"], !endpoint.isEmpty {
            guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
                throw ConfigurationError(
                    variable: "SUBAN_OTLP_ENDPOINT", value: endpoint, expected: "an http:// or https:// URL")
            }
            otlpEndpoint = endpoint
        }
        metrics = try Self.metrics(service: service, environment: environment, host: host, rpcPort: port)
    }

    /// The configuration as printed at start, one `name=value` a line.
    public var effectiveConfiguration: [String] {
        let prefix = service.environmentPrefix
        return [
            "\(prefix)HOST=\(host)",
            "\(prefix)PORT=\(port)",
            "SUBAN_DATA_DIR=\(dataDirectory)",
            "SUBAN_MAX_FRAME_BYTES=\(maximumFrameLength)",
            "\(prefix)RPC_IDLE_TIMEOUT_SECONDS=\(rpcIdleTimeout?.components.seconds ?? 0)",
            "\(prefix)RPC_MAX_CALLS_IN_FLIGHT=\(rpcMaximumCallsInFlight)",
            "SUBAN_LOG_LEVEL=\(logLevel.rawValue)",
            "SUBAN_OTLP_ENDPOINT=\(otlpEndpoint ?? "")",
        ] + metricsConfiguration
    }

    static func integer(
        _ environment: [String: String],
        _ variable: String,
        default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws(ConfigurationError) -> Int {
        try ServiceConfigurationError.integer(environment, variable, default: defaultValue, in: range)
    }
}

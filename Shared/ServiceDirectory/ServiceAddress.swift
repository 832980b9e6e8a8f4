/// Where a service listens: a host and a port.
public struct ServiceAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` with a port in 1...65535.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    /// The address of `service` that `environment` gives: `SUBAN_<SERVICE>_HOST` (default
    /// `127.0.0.1`) and `SUBAN_<SERVICE>_PORT` (default the service's own; 0 picks a free one
    /// where the service listens). The services listen there and their peers call there.
    public init(of service: ServiceName, environment: [String: String]) throws(ServiceConfigurationError) {
        let prefix = service.environmentPrefix
        let host = environment[prefix + "HOST"] ?? "127.0.0.1"
        if host.isEmpty {
            throw ServiceConfigurationError(variable: prefix + "HOST", value: host, expected: "a host name or address")
        }
        let port = try ServiceConfigurationError.integer(
            environment, prefix + "PORT", default: service.defaultPort, in: 0...65535)
        self.init(host: host, port: port)
    }

    public var description: String { "\(host):\(port)" }
}

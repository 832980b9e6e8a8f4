public import ArgumentParser
import ServiceKit

/// Where each service is reached: `--address name=host:port` overrides `SUBAN_<NAME>_HOST` and
/// `SUBAN_<NAME>_PORT`, which override the defaults the services themselves use.
struct ServiceTargets: ParsableArguments {
    @Option(
        name: .customLong("address"),
        help: ArgumentHelp("A service's address, as name=host:port (repeatable).", valueName: "name=host:port")
    )
    var overrides: [ServiceAddressOverride] = []

    func address(of service: ServiceName, environment: [String: String]) throws -> ServiceAddress {
        if let override = overrides.last(where: { $0.service == service }) { return override.address }
        let serviceEnvironment = try ServiceEnvironment(service: service, environment: environment)
        return ServiceAddress(host: serviceEnvironment.host, port: serviceEnvironment.port)
    }
}

struct ServiceAddress: Hashable, CustomStringConvertible {
    var host: String
    var port: Int

    var description: String { "\(host):\(port)" }

    /// Parses `host:port` with a port in 1...65535.
    init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

struct ServiceAddressOverride: ExpressibleByArgument {
    var service: ServiceName
    var address: ServiceAddress

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let service = ServiceName(rawValue: parts[0]),
            let address = ServiceAddress(parsing: parts[1])
        else { return nil }
        self.service = service
        self.address = address
    }
}

extension ServiceName: ExpressibleByArgument {}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

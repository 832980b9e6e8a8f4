public import ArgumentParser
import ServiceDirectory

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
        return try ServiceAddress(of: service, environment: environment)
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

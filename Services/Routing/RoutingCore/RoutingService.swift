public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceKit

/// The routing service: decides the responsible unit and handling mode of an order.
public enum RoutingService: ServiceDefinition {
    public static let name = ServiceName.routing

    public static let migrations: [Migration] = []

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: RPCRouter())
    }
}

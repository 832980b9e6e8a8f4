public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceKit

/// The gateway service: fronts the 12345 platform and the 12333 entry, and sends notifications.
public enum GatewayService: ServiceDefinition {
    public static let name = ServiceName.gateway

    public static let migrations: [Migration] = []

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: RPCRouter())
    }
}

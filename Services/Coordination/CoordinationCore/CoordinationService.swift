public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceKit

/// The coordination service: runs coordination meetings and their action items.
public enum CoordinationService: ServiceDefinition {
    public static let name = ServiceName.coordination

    public static let migrations: [Migration] = []

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: RPCRouter())
    }
}

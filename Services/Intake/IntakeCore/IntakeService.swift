public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceKit

/// The intake service: stores and classifies work orders and runs their lifecycle.
public enum IntakeService: ServiceDefinition {
    public static let name = ServiceName.intake

    public static let migrations: [Migration] = []

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: RPCRouter())
    }
}

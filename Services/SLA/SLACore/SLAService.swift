public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceKit

/// The sla service: keeps every deadline and fires warnings, overdue events and reminders.
public enum SLAService: ServiceDefinition {
    public static let name = ServiceName.sla

    public static let migrations: [Migration] = []

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: RPCRouter())
    }
}

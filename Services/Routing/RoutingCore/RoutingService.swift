public import GRDB
public import Logging
public import Persistence
import RPC
public import ServiceDirectory
public import ServiceKit

/// The routing service: the unit directory, the routing rules and the key-enterprise list; decides the
/// responsible units, handling mode and track of an order (`Router` in the domain).
///
/// Methods: `routing.route`, `routing.list_units`, `routing.update_unit`, `routing.import_enterprises`,
/// `routing.list_enterprises`. On first start the database is seeded with the shipped directory and rules
/// (`UnitDirectory.shipped`, `RoutingRuleSet.shipped`); after that, what the administrator changed stays.
public enum RoutingService: ServiceDefinition {
    public static let name = ServiceName.routing

    public static let migrations: [Migration] = RoutingMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        ServiceParts(router: try router(database: database, gate: identity.gate, logger: logger).router)
    }

    /// The service's RPC methods over `database` (migrated with ``migrations``), which is seeded with the shipped
    /// defaults if it never was. `makeParts` uses it, and so do tests that run the service in-process.
    public static func router(database: DatabasePool, gate: CredentialGate, logger: Logger) throws -> GuardedRouter {
        let store = RoutingStore(database: database, logger: logger)
        if try store.seedIfNeeded() {
            logger.notice("routing.seeded", metadata: ["database.path": "\(database.path)"])
        }
        do {
            try store.loadSnapshotAtStart()
        } catch {
            // The service still starts, so that an administrator can see and mend the data; until
            // then each decision answers `unavailable` and asks for another read.
            logger.error("routing.snapshot.unreadable", metadata: ["error": "\(String(reflecting: error))"])
        }
        return RoutingHandlers(store: store).router(gate: gate)
    }
}

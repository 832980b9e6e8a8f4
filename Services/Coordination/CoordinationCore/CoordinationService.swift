import Domain
import Foundation
public import GRDB
public import Logging
import Outbox
public import Persistence
import RPC
public import ServiceDirectory
public import ServiceKit

/// The coordination service: coordination cases of joint-handling and green-channel orders, their meetings
/// (协调会), action items and the compiled result (汇总).
///
/// Intake, SLA, the gateway and routing are reached at `SUBAN_INTAKE_HOST/PORT`, `SUBAN_SLA_HOST/PORT`,
/// `SUBAN_GATEWAY_HOST/PORT` and `SUBAN_ROUTING_HOST/PORT`; every call to them that a change needs waits in the
/// outbox until it is delivered.
public enum CoordinationService: ServiceDefinition {
    public static let name = ServiceName.coordination

    public static let migrations: [Migration] = CoordinationMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        let variables = ProcessInfo.processInfo.environment
        let intake = try RPCClient.peer(
            .intake, variables: variables, credentials: identity.credentials, logger: logger)
        var clients: [ServiceName: RPCClient] = [.intake: intake]
        for service in [ServiceName.sla, .gateway, .routing] {
            clients[service] = try RPCClient.peer(
                service, variables: variables, credentials: identity.credentials, logger: logger)
        }
        let sender = CaseOutbox.sender(
            database: database, clients: clients.filter { $0.key != .routing }, logger: logger)
        let desk = CoordinationDesk(
            store: CaseStore(database: database),
            calendar: .shipped,
            now: { Date() },
            outboxChanged: { sender.wakeUp() }
        )
        let handlers = CoordinationHandlers(desk: desk, intake: intake, routing: clients[.routing], logger: logger)
        return ServiceParts(router: handlers.router(gate: identity.gate).router, background: [sender])
    }
}

import ConsoleWeb
public import Foundation
public import GRDB
public import Logging
public import Persistence
public import RPC
public import ServiceDirectory
public import ServiceKit

/// The console service: staff accounts, sign-in sessions, and the short-lived credentials with
/// which signed-in staff act on the other services (docs/accounts.md, docs/identity.md).
///
/// Methods: `console.sign_in` (open to anyone); with a session, `console.sign_out`, `whoami`,
/// `issue_credential`, `change_password`, `list_sessions`, `revoke_session`; with a session of an
/// administrator, `create_account`, `update_account`, `set_account_disabled`, `reset_password`,
/// `list_accounts`, `list_account_events`; with a `system` credential, `console.contacts`.
/// Configuration beyond ServiceEnvironment's: ``ConsoleConfiguration``, and for the web pages
/// (工作台) that it serves beside its RPC methods, `WebConfiguration` (docs/console.md).
public enum ConsoleService: ServiceDefinition {
    public static let name = ServiceName.console

    public static let migrations = ConsoleMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        let variables = ProcessInfo.processInfo.environment
        let configuration = try ConsoleConfiguration(variables: variables)
        let web = try WebConfiguration(variables: variables, rpcPort: environment.port)
        for line in configuration.effectiveConfiguration + web.effectiveConfiguration {
            logger.info("console.config", metadata: ["setting": "\(line)"])
        }
        try UndeliverableAddresses.announce(in: database, logger: logger)
        let router = router(database: database, configuration: configuration, identity: identity)
        // The pages call the console's own methods in-process and the other services over RPC,
        // always with the signed-in person's session.
        let pages = ConsoleWebServer(
            configuration: web, backend: try StaffBackend(console: router, variables: variables, logger: logger),
            logger: logger,
            onListening: { host, port in ServiceMain.announce("http-ready \(host):\(port)") }
        )
        return ServiceParts(router: router, background: [pages])
    }

    /// The service's RPC methods over `database` (migrated with ``migrations``), signing credentials
    /// with `identity`'s issuer and reading the time from `now`. `makeParts` uses it, and so do tests
    /// that run the console in-process on a clock of their own.
    public static func router(
        database: DatabasePool,
        configuration: ConsoleConfiguration,
        identity: ServiceIdentity,
        now: @escaping @Sendable () -> Date = Date.init
    ) -> RPCRouter {
        let handlers = ConsoleHandlers(
            store: AccountStore(database: database),
            hasher: PasswordHasher(cost: configuration.bcryptCost),
            configuration: configuration,
            issuer: identity.issuer,
            now: now
        )
        return handlers.router(credentials: identity.gate)
    }
}

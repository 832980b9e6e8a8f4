import Domain
import Foundation
public import GRDB
public import Logging
import Outbox
public import Persistence
import PersonalData
import PlatformAdapter
import RPC
public import ServiceDirectory
public import ServiceKit
import ServiceLifecycle

/// The gateway service: fronts the 12345 platform and the 12333 entry over signed HTTP, hands
/// what arrives to intake, and delivers what intake hands it (platform messages, emails) from
/// durable outboxes. Configuration: `GatewayConfiguration`; intake and routing are reached at
/// `SUBAN_INTAKE_HOST/PORT` and `SUBAN_ROUTING_HOST/PORT`.
public enum GatewayService: ServiceDefinition, KeepsPersonalData {
    public static let name = ServiceName.gateway

    public static let migrations = GatewayMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        let variables = ProcessInfo.processInfo.environment
        let configuration = try GatewayConfiguration(environment: variables, rpcPort: environment.port)
        for line in configuration.effectiveConfiguration { ServiceMain.announce("config \(line)") }
        // What arrives from the platform (and the 12333 line's system) reaches intake as the platform's.
        let platform = ServiceCredentials(issuer: identity.issuer, roles: [.platform])
        // A platform push waiting on a down intake should hear 503 and retry, not hang.
        let intake = try RPCClient.peer(
            .intake, variables: variables, credentials: platform, timeout: .seconds(10), logger: logger)
        let routing = try RPCClient.peer(
            .routing, variables: variables, credentials: identity.credentials, timeout: .seconds(10), logger: logger)
        let console = try RPCClient.peer(
            .console, variables: variables, credentials: identity.credentials, logger: logger)
        guard let personalData = environment.personalData else {
            throw ServiceEnvironment.ConfigurationError(
                variable: name.environmentPrefix + "PERSONAL_DATA_KEYS", value: "",
                expected: "a personal-data key ring (ServiceMain loads it)"
            )
        }
        let resealStarted = ContinuousClock.now
        let resealed = try Inbox(database: database, personalData: personalData).sealRemaining()
        if resealed > 0 {
            logger.notice(
                "gateway.personal_data.sealed",
                metadata: [
                    "inbox.rows": "\(resealed)", "key": "\(personalData.currentID)",
                    "duration": "\(ContinuousClock.now - resealStarted)",
                ]
            )
        }
        let parts = try assemble(
            database: database, configuration: configuration, personalData: personalData, intake: intake,
            routing: routing,
            console: console, logger: logger,
            onListening: { host, port in ServiceMain.announce("http-ready \(host):\(port)") }
        )
        return ServiceParts(router: parts.handlers.router(gate: identity.gate).router, background: parts.background)
    }

    /// The gateway takes writes from anyone who can reach its port, one small transaction each; at
    /// SQLite's default the write-ahead log grows to 4 MB before it is checkpointed and then stays
    /// that size. Checkpointing every 64 pages (256 KiB) and cutting the log back to 256 KiB after
    /// a large transaction keeps a flood's footprint to what the inbox keeps of it (issue 16.1).
    static func boundJournal(_ database: DatabasePool) throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 64")
            try db.execute(sql: "PRAGMA journal_size_limit = 262144")
        }
    }

    /// The gateway's pieces on `database`, wired together; tests build them with fakes of intake,
    /// routing and the console.
    static func assemble(
        database: DatabasePool,
        configuration: GatewayConfiguration,
        personalData: PersonalDataKeys,
        intake: RPCClient,
        routing: RPCClient,
        console: RPCClient,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        onAttempt: @escaping @Sendable (GatewayOutbox.Destination, Int64, Bool) -> Void = { _, _, _ in },
        onListening: @escaping @Sendable (String, Int) -> Void
    ) throws -> (handlers: GatewayHandlers, background: [any Service], http: PlatformHTTPServer) {
        try boundJournal(database)
        // One group writer for every write a push makes: its nonce and its inbox row.
        let arrivals = GroupCommitWriter(pool: database)
        let inbox = Inbox(database: database, personalData: personalData, writer: arrivals)
        let platformDelivery = PlatformDelivery(
            endpoint: configuration.platformURL, appKey: configuration.outboundKey,
            secret: configuration.outboundSecret,
            client: HTTPPostClient(), now: now,
            // A link is a help to whoever reads the trace: an inbox that cannot be read costs it, not the message.
            arrivalTrace: { number in
                do {
                    return try inbox.arrivalTrace(ofOrder: number)
                } catch {
                    logger.notice(
                        "gateway.inbox.arrival_trace_unreadable",
                        metadata: ["order.number": "\(number)", "error": "\(error)"])
                    return [:]
                }
            }
        )
        let emailOutbox = EmailOutbox(database: database)
        let directory = RecipientDirectory(routing: routing, console: console, ladder: configuration.notificationLadder)
        let emailDelivery = EmailDelivery(
            outbox: emailOutbox,
            smtp: configuration.smtpClientConfiguration.map { SMTPClient(configuration: $0) },
            from: configuration.smtpFrom, directory: directory, logger: logger
        )
        let sender = OutboxSender(
            name: "gateway",
            store: SQLiteOutbox(database: database, table: GatewayOutbox.table, policy: configuration.retryPolicy),
            clock: WallClock(),
            configuration: .init(policy: configuration.retryPolicy),
            logger: logger,
            observer: { outcomes in
                for (entry, result) in outcomes {
                    if let destination = GatewayOutbox.Destination(rawValue: entry.destination) {
                        onAttempt(destination, entry.id, result.isDelivered)
                    }
                }
            },
            deliver: { entry in
                switch GatewayOutbox.Destination(rawValue: entry.destination) {
                case .platform?: await platformDelivery.deliver(entry)
                case .email?: await emailDelivery.deliver(entry)
                case nil: .refused("no such destination \(entry.destination)")
                }
            }
        )
        let handlers = GatewayHandlers(
            platformOutbox: PlatformOutbox(database: database), emailOutbox: emailOutbox, directory: directory,
            sender: sender, now: now
        )
        let desk = InboundDesk(
            platformAuthenticator: RequestAuthenticator(
                credentials: configuration.platformKeys, window: configuration.signatureWindowSeconds,
                writer: arrivals),
            hotline12333Authenticator: RequestAuthenticator(
                credentials: configuration.hotline12333Keys, window: configuration.signatureWindowSeconds,
                writer: arrivals),
            inbox: inbox, intake: intake,
            maximumBodyBytes: configuration.maximumBodyBytes,
            rateLimits: .init(
                source: configuration.sourceLimit, appKey: configuration.appKeyLimit,
                unauthenticated: configuration.unauthenticatedLimit
            ),
            logger: logger
        )
        let http = PlatformHTTPServer(
            host: configuration.httpHost, port: configuration.httpPort, desk: desk,
            trustedProxies: configuration.trustedProxies, logger: logger, admission: configuration.admission,
            onListening: onListening
        )
        let retention = InboxRetention(
            database: database, retentionDays: configuration.inboxRetentionDays, interval: .seconds(3600),
            clock: WallClock(), logger: logger
        )
        return (handlers, [http, sender, retention], http)
    }
}

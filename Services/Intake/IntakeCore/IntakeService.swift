import Domain
import Foundation
public import GRDB
public import Logging
import Outbox
public import Persistence
import PersonalData
import RPC
public import ServiceDirectory
public import ServiceKit
import ServiceLifecycle

/// The intake service: stores and classifies work orders, runs their lifecycle, keeps their
/// event logs and the shared knowledge base.
///
/// Configuration beyond ServiceEnvironment's: `SUBAN_INTAKE_DUPLICATE_WINDOW_DAYS` (default 7),
/// `SUBAN_INTAKE_STUCK_AFTER_SECONDS` (default 300), `SUBAN_INTAKE_CLOCK_BATCH` (default 256: clock
/// starts due together go to SLA in calls of up to this many; 1: one call each), and the
/// assessment's (``AssessmentConfiguration``).
/// Routing, SLA and the gateway are reached at `SUBAN_ROUTING_HOST/PORT`, `SUBAN_SLA_HOST/PORT` and
/// `SUBAN_GATEWAY_HOST/PORT`.
public enum IntakeService: ServiceDefinition, KeepsPersonalData {
    public static let name = ServiceName.intake

    public static let migrations = IntakeMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        let variables = ProcessInfo.processInfo.environment
        var configuration = IntakeDesk.Configuration()
        if let days = variables["SUBAN_INTAKE_DUPLICATE_WINDOW_DAYS"] {
            guard let value = Double(days), value >= 0, value <= 365 else {
                throw ServiceEnvironment.ConfigurationError(
                    variable: "SUBAN_INTAKE_DUPLICATE_WINDOW_DAYS", value: days, expected: "a number of days in 0...365"
                )
            }
            configuration.duplicateWindow = value * 86_400
        }
        let routing = try RPCClient.peer(
            .routing, variables: variables, credentials: identity.credentials, logger: logger)
        let sla = try RPCClient.peer(.sla, variables: variables, credentials: identity.credentials, logger: logger)
        let gateway = try RPCClient.peer(
            .gateway, variables: variables, credentials: identity.credentials, logger: logger)
        let coordination = try RPCClient.peer(
            .coordination, variables: variables, credentials: identity.credentials, logger: logger)
        // The desk rings the sender, which is built after it because it routes through it.
        let doorbell = Doorbell()
        let assessment = try AssessmentConfiguration(variables: variables)
        guard let personalData = environment.personalData else {
            throw ServiceEnvironment.ConfigurationError(
                variable: name.environmentPrefix + "PERSONAL_DATA_KEYS", value: "",
                expected: "a personal-data key ring (ServiceMain loads it)"
            )
        }
        let store = OrderStore(database: database, personalData: personalData)
        let resealStarted = ContinuousClock.now
        let resealed = try store.sealRemaining()
        if resealed > 0 {
            logger.notice(
                "intake.personal_data.sealed",
                metadata: [
                    "orders": "\(resealed)", "key": "\(personalData.currentID)",
                    "duration": "\(ContinuousClock.now - resealStarted)",
                ]
            )
        }
        let desk = IntakeDesk(
            store: store,
            knowledgeBase: KnowledgeBase(database: database),
            configuration: configuration,
            standards: { ClosureStandardTable.provisional },
            now: { Date() },
            outboxChanged: { doorbell.ring() },
            assessmentRules: assessment.rules,
            assessmentScheme: assessment.scheme
        )
        let started = ContinuousClock.now
        let rebuilt = try desk.projection.rebuildIfStale(in: database)
        if rebuilt > 0 {
            logger.notice(
                "assessment.projection.rebuilt",
                metadata: ["orders": "\(rebuilt)", "duration": "\(ContinuousClock.now - started)"]
            )
        }
        let stuckAfter = try stuckThreshold(variables)
        let handlers = IntakeHandlers(
            desk: desk, routing: routing, sla: sla, logger: logger, gate: identity.gate, stuckAfter: stuckAfter)
        let sender = IntakeOutbox.sender(
            database: database, clients: [.sla: sla, .gateway: gateway, .coordination: coordination],
            route: handlers.routeStep, doorbell: doorbell, logger: logger, clockBatch: try clockBatch(variables)
        )
        let statistics = ServerStatistics()
        let watch = StuckOrderWatch(
            desk: desk, threshold: stuckAfter, interval: .seconds(30), clock: WallClock(), logger: logger,
            statistics: statistics
        )
        var background: [any Service] = [sender, watch]
        if let minute = assessment.digestMinute {
            background.append(DigestScheduler(sendMinute: minute, assessment: handlers.assessment, logger: logger))
        }
        return ServiceParts(router: handlers.router().router, background: background, statistics: statistics)
    }

    /// `SUBAN_INTAKE_CLOCK_BATCH`: clock starts per call to SLA at most (default 256; 1: no batches).
    static func clockBatch(_ variables: [String: String]) throws -> Int {
        guard let text = variables["SUBAN_INTAKE_CLOCK_BATCH"] else { return 256 }
        guard let size = Int(text), (1...4_096).contains(size) else {
            throw ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_INTAKE_CLOCK_BATCH", value: text, expected: "a number of clock starts in 1...4096")
        }
        return size
    }

    /// `SUBAN_INTAKE_STUCK_AFTER_SECONDS`: how long an order may stay received (default 300).
    static func stuckThreshold(_ variables: [String: String]) throws -> TimeInterval {
        guard let text = variables["SUBAN_INTAKE_STUCK_AFTER_SECONDS"] else { return StuckOrderAlarm.defaultThreshold }
        guard let seconds = Double(text), seconds >= 10, seconds <= 86_400 else {
            throw ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_INTAKE_STUCK_AFTER_SECONDS", value: text, expected: "a number of seconds in 10...86400"
            )
        }
        return seconds
    }
}

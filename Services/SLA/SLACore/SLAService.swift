import Foundation
public import GRDB
public import Logging
public import Outbox
public import Persistence
import RPC
public import ServiceDirectory
public import ServiceKit

/// The sla service: keeps every deadline and fires warnings, overdue events and reminders.
///
/// Parts: the RPC methods (`SLAService+Router`), the scheduler that fires clocks and the sender
/// that delivers the fired events to intake, all over one `SLAEngine`.
public enum SLAService: ServiceDefinition {
    public static let name = ServiceName.sla

    public static let migrations: [Migration] = SLAMigrations.all

    public static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts {
        let configuration = try SLAConfiguration(environment: ProcessInfo.processInfo.environment)
        for line in configuration.effectiveConfiguration {
            FileHandle.standardOutput.write(Data("config \(line)\n".utf8))
        }
        let engine = try SLAEngine(database: database, policies: configuration.policies, logger: logger)
        let sink = IntakeClockEventSink(
            host: configuration.intake.host, port: configuration.intake.port, credentials: identity.credentials,
            logger: logger
        )
        return parts(engine: engine, sink: sink, gate: identity.gate, clock: WallClock(), logger: logger)
    }

    /// The router, scheduler and sender over `engine`, on `clock` (a manual one in tests).
    public static func parts<C: Clock>(
        engine: SLAEngine,
        sink: any ClockEventSink,
        gate: CredentialGate,
        clock: C,
        logger: Logger,
        metrics: SLAMetrics = SLAMetrics(),
        observer: (@Sendable ([FiredEvent]) -> Void)? = nil
    ) -> ServiceParts where C.Instant == UnixInstant, C.Duration == Duration {
        ServiceParts(
            router: router(engine: engine, gate: gate, now: { clock.now.unixMilliseconds }).router,
            background: [
                ClockScheduler(engine: engine, clock: clock, logger: logger, metrics: metrics, observer: observer),
                engine.outboxSender(sink: sink, clock: clock, logger: logger),
                GaugeRefresh(name: "sla.clocks_and_events", interval: .seconds(10), clock: clock, logger: logger) {
                    try await metrics.refresh(database: engine.database, now: clock.now.unixMilliseconds)
                },
            ]
        )
    }
}

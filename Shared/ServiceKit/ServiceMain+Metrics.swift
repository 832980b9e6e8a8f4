import GRDB
import Logging
import NIOCore
import Outbox
import Prometheus
import ServiceLifecycle
import ServiceMetrics

extension ServiceMain {
    /// How often counted gauges (outbox depth) are refreshed: well within a scrape interval.
    static let gaugeRefreshInterval = Duration.seconds(10)

    /// The `/metrics` endpoint, its announcer, and the refresh of the outbox gauges when the
    /// service has an outbox; nothing when metrics are off.
    static func metricsServices(
        _ configuration: MetricsServer.Configuration?,
        registry: PrometheusCollectorRegistry,
        database: DatabasePool,
        logger: Logger
    ) throws -> [any Service] {
        guard let configuration else { return [] }
        let server = MetricsServer(configuration: configuration, registry: registry, logger: logger)
        var services: [any Service] = [server, ReadinessAnnouncer(metrics: server)]
        if try database.read({ db in try db.tableExists("outbox_entry") }) {
            let outbox = OutboxMetrics()
            let clock = WallClock()
            services.append(
                GaugeRefresh(name: "outbox.depth", interval: gaugeRefreshInterval, clock: clock, logger: logger) {
                    try await outbox.refresh(database: database, now: clock.now.unixMilliseconds)
                }
            )
        }
        return services
    }
}

extension ReadinessAnnouncer {
    init(metrics server: MetricsServer) {
        prefix = "metrics-ready"
        address = { try await server.listeningAddress }
    }
}

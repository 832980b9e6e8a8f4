import Foundation
import Logging
import RPC
import ReportRendering
import ServiceDirectory
import WireProtocol

/// What one service answered to `health` and `stats`, or why it did not.
struct ProbeResult: Sendable {
    var service: ServiceName
    var address: ServiceAddress
    var health: HealthResponse?
    var stats: StatsResponse?
    var failure: String?

    static func probe(_ service: ServiceName, at address: ServiceAddress, timeout: Duration) async -> ProbeResult {
        let client = RPCClient.peer(
            at: address, timeout: timeout, connectTimeout: timeout, logger: Logger(label: "subanctl"))
        var result = ProbeResult(service: service, address: address)
        do {
            result.health = try await client.call(Wire.Server.health, HealthRequest())
            result.stats = try await client.call(Wire.Server.stats, StatsRequest())
        } catch {
            result.failure = "unreachable at \(address): \(error.message)"
        }
        await client.shutdown()
        return result
    }

    var status: String {
        guard failure == nil, let health else { return "unreachable" }
        return health.status.rawValue
    }

    static func table(_ results: [ProbeResult]) -> String {
        var table = TextTable(["SERVICE", "ADDRESS", "STATUS", "VERSION", "UPTIME", "CALLS", "P99", "GAUGES"])
        for result in results {
            table.append([
                result.service.rawValue,
                "\(result.address)",
                result.status,
                result.health?.version ?? "-",
                result.health.map { formatUptime(milliseconds: $0.uptimeMilliseconds) } ?? "-",
                result.stats.map { "\($0.callsServed)" } ?? "-",
                result.stats.map { formatLatency(microseconds: $0.latency.p99Microseconds) } ?? "-",
                result.stats.map {
                    $0.gauges.isEmpty ? "-" : $0.gauges.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                } ?? "-",
            ])
        }
        return table.render()
    }

    static func json(_ results: [ProbeResult]) throws -> String {
        let objects: [[String: Any]] = results.map { result in
            var object: [String: Any] = [
                "service": result.service.rawValue,
                "address": "\(result.address)",
                "status": result.status,
            ]
            if let health = result.health {
                object["version"] = health.version
                object["uptime_ms"] = health.uptimeMilliseconds
            }
            if let stats = result.stats {
                object["calls"] = stats.callsServed
                object["errors"] = stats.errors
                object["p99_us"] = stats.latency.p99Microseconds
                object["open_connections"] = stats.openConnections
                object["gauges"] = Dictionary(stats.gauges.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            }
            if let failure = result.failure { object["error"] = failure }
            return object
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func formatUptime(milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s" }
        if seconds < 86400 { return "\(seconds / 3600)h\(String(format: "%02d", seconds % 3600 / 60))m" }
        return "\(seconds / 86400)d\(String(format: "%02d", seconds % 86400 / 3600))h"
    }

    static func formatLatency(microseconds: Int64) -> String {
        microseconds < 1000 ? "\(microseconds)µs" : String(format: "%.1fms", Double(microseconds) / 1000)
    }
}

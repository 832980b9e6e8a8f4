import Domain
import Foundation
import Logging
import RPC
import Synchronization
import WireProtocol

/// The codes of the units orders may be assigned to: routing's directory owns them, so intake
/// asks it, at most once a minute. While routing does not answer the last reading serves, and
/// before any reading the directory routing is seeded from (`UnitDirectory.shipped`), so that the
/// desk can still assign orders by hand when routing is down.
final class UnitCodes: Sendable {
    private struct Reading {
        var active: Set<String>
        var readAt: ContinuousClock.Instant?
    }

    static let lifetime: Duration = .seconds(60)
    /// How long an assignment waits for routing's directory before the last reading serves.
    static let timeout: Duration = .seconds(1)

    private let routing: RPCClient
    private let logger: Logger
    private let reading: Mutex<Reading>
    private let names: KnownUnitNames

    init(routing: RPCClient, logger: Logger, names: KnownUnitNames) {
        self.routing = routing
        self.logger = logger
        self.names = names
        let shipped = UnitDirectory.shipped.units.filter(\.active).map(\.code)
        reading = Mutex(Reading(active: Set(shipped), readAt: nil))
    }

    /// The codes of the units routing may be asked to take orders now (active ones).
    func active() async -> Set<String> {
        let now = ContinuousClock.now
        let current = reading.withLock { $0 }
        if let readAt = current.readAt, now - readAt < Self.lifetime { return current.active }
        do {
            let units = try await routing.call(Wire.Routing.listUnits, Wire.ListUnitsRequest(), timeout: Self.timeout)
                .units
            let active = Set(units.filter(\.active).map(\.code))
            reading.withLock { $0 = Reading(active: active, readAt: now) }
            names.update(Dictionary(units.map { ($0.code, $0.name) }) { first, _ in first })
            return active
        } catch {
            logger.warning(
                "intake.units.unread",
                metadata: [
                    "error": "\(error)",
                    "units.source": "\(current.readAt == nil ? "shipped directory" : "last reading")",
                ]
            )
            return current.active
        }
    }

    /// Refuses an assignment naming a unit routing's directory does not hold (or holds inactive).
    func check(_ units: [String]) async throws(RPCError) {
        let active = await active()
        let violations = units.enumerated().filter { !active.contains($0.element) }.map { index, code in
            FieldViolation(
                field: "units[\(index)]", code: "unknown_unit", message: "no active unit \(code) in routing's directory"
            )
        }
        guard violations.isEmpty else {
            let codes = violations.map(\.message).joined(separator: "; ")
            throw RPCError(.invalidArgument, "单位代码不存在或已停用（\(codes)）", fieldViolations: violations)
        }
    }
}

import Foundation
import Synchronization
import WireProtocol

/// The units' Chinese names by code, as routing's directory has them.
struct UnitNames: Sendable {
    var names: [String: String] = [:]
    var units: [Wire.Unit] = []

    /// The unit's name, or its code when routing has not said (down, or not asked yet).
    func name(_ code: String) -> String {
        names[code] ?? code
    }
}

/// Routing's directory as last read, for a minute: every page names units, and the directory
/// changes by an administrator's edit, rarely. When routing cannot be reached the last reading
/// serves, and before any reading the codes do.
final class UnitNamesCache: Sendable {
    private struct Reading {
        var names = UnitNames()
        var readAt = Date.distantPast
    }

    static let lifetime: TimeInterval = 60
    private let reading = Mutex(Reading())

    /// Reads routing again at the next page: an administrator changed a unit.
    func forget() {
        reading.withLock { $0.readAt = .distantPast }
    }

    func names(_ read: () async throws -> [Wire.Unit]) async -> UnitNames {
        let current = reading.withLock { $0 }
        guard Date().timeIntervalSince(current.readAt) > Self.lifetime else { return current.names }
        guard let units = try? await read() else { return current.names }
        let names = UnitNames(
            names: Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }), units: units)
        reading.withLock { $0 = Reading(names: names, readAt: Date()) }
        return names
    }
}

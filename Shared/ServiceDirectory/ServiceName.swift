/// The six services of Suban, with the address each listens on unless configured otherwise.
public enum ServiceName: String, CaseIterable, Sendable, Comparable {
    case gateway
    case intake
    case routing
    case sla
    case coordination
    case console

    /// The default RPC port; 74xx keeps the six together and away from common services.
    public var defaultPort: Int {
        switch self {
        case .gateway: 7401
        case .intake: 7402
        case .routing: 7403
        case .sla: 7404
        case .coordination: 7405
        case .console: 7406
        }
    }

    /// The prefix of the service's environment variables, e.g. `SUBAN_INTAKE_`.
    public var environmentPrefix: String { "SUBAN_\(rawValue.uppercased())_" }

    public static func < (lhs: ServiceName, rhs: ServiceName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? allCases.endIndex) < (allCases.firstIndex(of: rhs) ?? allCases.endIndex)
    }
}

/// The version every service reports in `health`.
public enum SubanVersion {
    public static let current = "0.1.0"
}

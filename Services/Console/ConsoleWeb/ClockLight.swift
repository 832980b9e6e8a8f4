import WireProtocol

/// The traffic light of a clock or an order (红/黄/绿): overdue, inside the warning part of its
/// span, or on time. The warning part is the last quarter of the span, or any clock the SLA
/// service has already warned about.
enum ClockLight: String, Sendable, Comparable {
    case none
    case green
    case yellow
    case red

    /// The fraction of a clock's span, counted back from its deadline, shown yellow.
    static let warningFraction = 0.25

    init(_ clock: Wire.Clock, now: Int64) {
        guard clock.state != "stopped", clock.dueUnixMs > 0 else {
            self = .none
            return
        }
        let remaining = clock.dueUnixMs - now
        let span = max(1, clock.dueUnixMs - clock.startUnixMs)
        if clock.state == "overdue" || remaining < 0 {
            self = .red
        } else if clock.warningsSent > 0 || Double(remaining) <= Double(span) * Self.warningFraction {
            self = .yellow
        } else {
            self = .green
        }
    }

    /// The worst light of `clocks`: an order is as late as its latest clock.
    static func worst(_ clocks: [Wire.Clock], now: Int64) -> ClockLight {
        clocks.map { ClockLight($0, now: now) }.max() ?? .none
    }

    static func < (lhs: ClockLight, rhs: ClockLight) -> Bool { lhs.order < rhs.order }

    private var order: Int {
        switch self {
        case .none: 0
        case .green: 1
        case .yellow: 2
        case .red: 3
        }
    }

    var cssClass: String { "light light-\(rawValue)" }

    var label: String {
        switch self {
        case .none: "无时钟"
        case .green: "正常"
        case .yellow: "预警"
        case .red: "超时"
        }
    }
}

/// An instant as Unix time, the instant type of the clocks the SLA scheduler and the outbox
/// senders run on (`WallClock` in production, a manual clock in tests): deadlines and retries
/// are wall-clock instants, stored and sent as Unix milliseconds.
public struct UnixInstant: InstantProtocol, Sendable, Hashable, Comparable {
    public typealias Duration = Swift.Duration

    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let nanosecondsSince1970: Int64

    /// Creates an instant from nanoseconds since the epoch.
    public init(nanosecondsSince1970: Int64) {
        self.nanosecondsSince1970 = nanosecondsSince1970
    }

    /// Creates an instant from Unix milliseconds.
    public init(unixMilliseconds: Int64) {
        self.nanosecondsSince1970 = unixMilliseconds * 1_000_000
    }

    /// Whole Unix milliseconds, rounded down.
    public var unixMilliseconds: Int64 {
        let (quotient, remainder) = nanosecondsSince1970.quotientAndRemainder(dividingBy: 1_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }

    public func advanced(by duration: Duration) -> UnixInstant {
        UnixInstant(nanosecondsSince1970: nanosecondsSince1970 + UnixInstant.nanoseconds(of: duration))
    }

    public func duration(to other: UnixInstant) -> Duration {
        .nanoseconds(other.nanosecondsSince1970 - nanosecondsSince1970)
    }

    public static func < (lhs: UnixInstant, rhs: UnixInstant) -> Bool {
        lhs.nanosecondsSince1970 < rhs.nanosecondsSince1970
    }

    public static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

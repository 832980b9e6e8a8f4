import Foundation

/// The system's real-time clock as a Swift `Clock` over `UnixInstant`: what the SLA scheduler
/// runs on outside tests.
public struct WallClock: Clock {
    public typealias Instant = UnixInstant

    public init() {}

    public var now: UnixInstant {
        UnixInstant(nanosecondsSince1970: Int64((Date().timeIntervalSince1970 * 1_000_000_000).rounded()))
    }

    public var minimumResolution: Duration { .microseconds(1) }

    /// Sleeps on the monotonic clock for the time left until `deadline`. Wall time can be stepped
    /// (NTP) meanwhile, so callers read `now` again after waking instead of assuming it passed.
    public func sleep(until deadline: UnixInstant, tolerance: Duration? = nil) async throws {
        let remaining = now.duration(to: deadline)
        if remaining > .zero {
            try await ContinuousClock().sleep(for: remaining, tolerance: tolerance)
        }
    }
}

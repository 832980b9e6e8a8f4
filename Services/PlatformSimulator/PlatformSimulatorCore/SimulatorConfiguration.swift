public import PlatformAdapter

/// How the simulator plays the platform: where the gateway is, the key it signs pushes with, the
/// keys it accepts the gateway's calls under, where it listens, and how it decides.
public struct SimulatorConfiguration: Sendable {
    /// How the simulated platform reviews replies.
    public enum ReviewPolicy: String, Sendable, CaseIterable {
        /// Accepts every reply.
        case accept
        /// Sends each order's first reply back (重办), accepts the next.
        case sendBackFirst = "send-back-first"
    }

    /// The gateway's base URL, e.g. `http://127.0.0.1:8080`.
    public var gateway: HTTPEndpoint
    /// The app key and secret of pushes (one of the gateway's `SUBAN_GATEWAY_PLATFORM_KEYS`).
    public var appKey: String
    public var secret: String
    /// The keys the gateway signs its calls with (its `SUBAN_GATEWAY_OUTBOUND_KEY`/`_SECRET`).
    public var inboundCredentials: PlatformCredentials
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 9090
    /// Seconds a signature's timestamp may be off.
    public var window: Int64 = 300
    /// Answer extension and return requests, review replies and report callbacks by itself.
    public var autoRespond = true
    public var reviewPolicy = ReviewPolicy.accept
    /// satisfied, basically_satisfied, dissatisfied or unreachable.
    public var callbackOutcome = "satisfied"
    public var seed: UInt64 = 20_210_080
    /// How pushes the gateway refused or did not answer are retried.
    public var retry = PushRetryPolicy()

    public init(gateway: HTTPEndpoint, appKey: String, secret: String, inboundCredentials: PlatformCredentials) {
        self.gateway = gateway
        self.appKey = appKey
        self.secret = secret
        self.inboundCredentials = inboundCredentials
    }
}

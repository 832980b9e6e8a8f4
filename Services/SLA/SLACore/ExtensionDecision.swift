/// The answer to an extension request: whether it is within the cap, and the clock it concerns.
public struct ExtensionDecision: Sendable, Hashable {
    /// Whether the extension is allowed (and, unless a dry run, applied).
    public var allowed: Bool
    /// Why not, when refused; empty when allowed.
    public var reason: String
    /// The requested deadline (Unix milliseconds).
    public var newDue: Int64
    /// The latest deadline allowed: the cap after the original deadline.
    public var cap: Int64
    /// The clock, as it is after the request.
    public var clock: ClockRecord

    /// Creates a decision.
    public init(allowed: Bool, reason: String, newDue: Int64, cap: Int64, clock: ClockRecord) {
        self.allowed = allowed
        self.reason = reason
        self.newDue = newDue
        self.cap = cap
        self.clock = clock
    }
}

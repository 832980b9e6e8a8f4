/// A call to another service (or a step of the owner's own) that a change needs, written in the
/// transaction of that change.
public struct OutboxMessage: Sendable, Hashable {
    public var destination: String
    public var method: String
    public var body: [UInt8]
    /// Messages of one destination with the same key are delivered in the order written.
    public var orderingKey: String?
    /// Enqueueing a message whose key was enqueued before does nothing (the owner's retry).
    public var deduplicationKey: String?
    /// What a listing shows of it (`acknowledgement 12345-0001`).
    public var subject: String
    /// The owner's own note, handed back with the entry (the case a reply belongs to).
    public var context: String?
    /// When it is first due; `nil`: at once.
    public var notBefore: Int64?
    /// The W3C trace-context headers of the work that wrote it, which its delivery continues;
    /// `nil`: the current context's, taken when it is enqueued.
    public var traceHeaders: [String: String]?

    public init(
        destination: String, method: String, body: [UInt8], orderingKey: String? = nil, deduplicationKey: String? = nil,
        subject: String = "", context: String? = nil, notBefore: Int64? = nil, traceHeaders: [String: String]? = nil
    ) {
        self.destination = destination
        self.method = method
        self.body = body
        self.orderingKey = orderingKey
        self.deduplicationKey = deduplicationKey
        self.subject = subject
        self.context = context
        self.notBefore = notBefore
        self.traceHeaders = traceHeaders
    }
}

/// A message in the shared outbox table, with its delivery so far.
public struct OutboxEntry: OutboxItem, Hashable {
    /// The states a listing shows. `inFlight` is never stored: the sender knows it.
    public enum State: String, Sendable, CaseIterable {
        case pending
        case inFlight = "in_flight"
        case failing
        case delivered
        case givenUp = "given_up"
    }

    public var id: Int64
    public var message: OutboxMessage
    public var state: State
    public var attempts: Int
    public var lastError: String
    public var createdAt: Int64
    public var nextAttemptAt: Int64?
    public var deliveredAt: Int64?

    public var destination: String { message.destination }
    public var orderingKey: String? { message.orderingKey }
    public var traceHeaders: [String: String] { message.traceHeaders ?? [:] }
}

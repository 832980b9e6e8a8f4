/// What became of one attempt to deliver an outbox entry.
public enum DeliveryResult: Sendable, Hashable {
    /// The receiver took it (or had it already: receivers are idempotent). The note says which,
    /// for owners that keep it.
    case delivered(note: String)
    /// The receiver answered but could not take it now (overloaded, a transient error): the entry
    /// is tried again after its own backoff.
    case failed(String)
    /// The destination could not be reached at all: the sender stops sending it anything but one
    /// probe at a time until it answers again, then resumes every entry waiting for it.
    case unreachable(String)
    /// The receiver refused this entry itself; retrying cannot change that. The entry is given up,
    /// kept visible, and tried again only when someone asks.
    case refused(String)

    public static let delivered = DeliveryResult.delivered(note: "")

    public var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }

    /// Whether the entry will be tried again, so that later entries of its ordering key wait.
    public var isRetried: Bool {
        switch self {
        case .failed, .unreachable: true
        case .delivered, .refused: false
        }
    }

    /// The error of an attempt that did not deliver, empty otherwise.
    public var error: String {
        switch self {
        case .delivered: ""
        case .failed(let error), .unreachable(let error), .refused(let error): error
        }
    }
}

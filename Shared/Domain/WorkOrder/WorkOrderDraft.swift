public import Foundation

/// An order as it arrives from the platform or a 12333 operator, before intake accepts it.
///
/// ``validate()`` reports every field problem at once; ``WorkOrder/init(id:draft:)`` normalises, validates and
/// creates the order.
public struct WorkOrderDraft: Sendable, Hashable, Codable {
    /// A draft that failed validation, with all its field errors.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var errors: [FieldError]

        public init(errors: [FieldError]) {
            self.errors = errors
        }

        public var description: String {
            "invalid work order: " + errors.map(\.description).joined(separator: "; ")
        }
    }

    /// Longest accepted content, in characters.
    public static let maximumContentLength = 4_000
    /// Longest accepted platform order number, in characters.
    public static let maximumOrderNumberLength = 64
    /// Longest accepted address, in characters.
    public static let maximumAddressLength = 500

    public var platformOrderNumber: String
    public var channel: WorkOrder.Channel
    public var receivedAt: Date
    public var dispatchedAt: Date
    public var urgency: WorkOrder.Urgency
    public var kind: WorkOrder.Kind
    public var topic: WorkOrder.Topic
    public var content: String
    public var address: String
    public var caller: WorkOrder.Caller
    public var enterprise: WorkOrder.Enterprise?
    /// The platform's handling deadline, if it set one.
    public var handlingDeadline: Date?
    public var attachments: [WorkOrder.Attachment]

    public init(
        platformOrderNumber: String,
        channel: WorkOrder.Channel,
        receivedAt: Date,
        dispatchedAt: Date,
        urgency: WorkOrder.Urgency,
        kind: WorkOrder.Kind,
        topic: WorkOrder.Topic,
        content: String,
        address: String = "",
        caller: WorkOrder.Caller,
        enterprise: WorkOrder.Enterprise? = nil,
        handlingDeadline: Date? = nil,
        attachments: [WorkOrder.Attachment] = []
    ) {
        self.platformOrderNumber = platformOrderNumber
        self.channel = channel
        self.receivedAt = receivedAt
        self.dispatchedAt = dispatchedAt
        self.urgency = urgency
        self.kind = kind
        self.topic = topic
        self.content = content
        self.address = address
        self.caller = caller
        self.enterprise = enterprise
        self.handlingDeadline = handlingDeadline
        self.attachments = attachments
    }

    /// The draft with identifiers tidied the way people type them: surrounding whitespace trimmed from the order
    /// number, phone, ID number and credit code; the check letters upper-cased; an empty ID number or credit code
    /// treated as absent. Free text (content, address, names) is left exactly as given.
    public func normalized() -> WorkOrderDraft {
        var draft = self
        draft.platformOrderNumber = Self.trimmed(platformOrderNumber)
        draft.caller.phone = Self.trimmed(caller.phone)
        draft.caller.idNumber = caller.idNumber.map { Self.trimmed($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        if var enterprise = draft.enterprise {
            enterprise.creditCode = enterprise.creditCode.map { Self.trimmed($0).uppercased() }
                .flatMap { $0.isEmpty ? nil : $0 }
            draft.enterprise = enterprise
        }
        return draft
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

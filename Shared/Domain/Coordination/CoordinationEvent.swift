public import Foundation

/// One entry of a case's append-only log: who did what, when, to which meeting or item, from which state to
/// which, and why.
public struct CoordinationEvent: Sendable, Hashable, Codable {
    /// 1 for the case's first event (its opening), then consecutive.
    public var sequence: Int
    public var caseID: String
    public var actor: WorkOrder.Actor
    public var timestamp: Date
    public var from: CoordinationCase.State
    public var to: CoordinationCase.State
    public var action: CoordinationAction.Kind
    /// The meeting or action item acted on (its id), if any.
    public var subject: String?
    /// The why: a reschedule or cancellation reason, an outcome, as given.
    public var reason: String?

    public init(
        sequence: Int,
        caseID: String,
        actor: WorkOrder.Actor,
        timestamp: Date,
        from: CoordinationCase.State,
        to: CoordinationCase.State,
        action: CoordinationAction.Kind,
        subject: String? = nil,
        reason: String? = nil
    ) {
        self.sequence = sequence
        self.caseID = caseID
        self.actor = actor
        self.timestamp = timestamp
        self.from = from
        self.to = to
        self.action = action
        self.subject = subject
        self.reason = reason
    }
}

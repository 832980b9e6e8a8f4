public import Foundation

/// One dated, countable thing an order's event log says happened (or, for the two deadline facts,
/// will have happened by its instant unless a later event says otherwise). Every figure and every
/// point of the assessment is a sum over facts whose instant falls in the period; facts are never
/// entered by hand, only derived from the log by ``OrderProjection/derive(order:events:rules:)``.
public struct OrderFact: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The platform dispatched the order to the bureau (at its dispatch instant).
        case received
        /// The first acknowledgement (签收); `value` is the whole seconds it took after dispatch.
        case acknowledged
        case acknowledgedOnTime = "acknowledged_on_time"
        /// The acknowledgement deadline passed without one (at that deadline).
        case acknowledgedLate = "acknowledged_late"
        /// A reply went to the platform (反馈).
        case replied
        /// The order closed (办结/销号); `value` is the working days from dispatch to the last reply.
        case closed
        case closedOnTime = "closed_on_time"
        case closedLate = "closed_late"
        /// Green-channel orders closed on time (销号) are also counted apart.
        case greenClosed = "green_closed"
        case greenClosedOnTime = "green_closed_on_time"
        /// A handling deadline passed without a reply (at that deadline); `until` is when the
        /// reply or the end of the order came, `nil` while it is still overdue.
        case overdue
        case extensionRequested = "extension_requested"
        case extensionGranted = "extension_granted"
        case extensionDenied = "extension_denied"
        case returnRequested = "return_requested"
        /// The platform took the order back (退单 approved).
        case returned
        /// The platform refused the return: the order was the unit's.
        case returnRefused = "return_refused"
        /// The platform rejected the reply (退回重办).
        case sentBack = "sent_back"
        /// A new handling cycle began (重办); `label` says why: sent_back, dissatisfied or reopen.
        case reopened
        /// The platform's callback (回访); `label` is the outcome, `value` 1 when the reply said solved.
        case callback
        /// A wage-arrears order closed; `value` is the workers helped, `amount` the fen (0.01 yuan) recovered.
        case wageRecovered = "wage_recovered"
        /// Merged under another order (并单): it is counted there.
        case merged
        /// The order's content names a hot-spot keyword (`label`), at its dispatch instant.
        case keyword
    }

    public var kind: Kind
    public var at: Date
    // Values and amounts are whole numbers (seconds, working days, workers, fen), so that sums are
    // exact whatever order a database adds them in.
    public var until: Date?
    public var value: Double
    public var amount: Double
    public var label: String

    public init(_ kind: Kind, at: Date, until: Date? = nil, value: Double = 0, amount: Double = 0, label: String = "") {
        self.kind = kind
        self.at = at
        self.until = until
        self.value = value
        self.amount = amount
        self.label = label
    }
}

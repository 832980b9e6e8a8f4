public import Foundation

extension WorkOrder {
    /// A leader's assignment opinion (交办意见) or instruction (批示).
    public struct Instruction: Sendable, Hashable, Codable {
        public var opinion: String
        public var actorID: String
        public var role: Role
        public var at: Date

        public init(opinion: String, actorID: String, role: Role, at: Date) {
            self.opinion = opinion
            self.actorID = actorID
            self.role = role
            self.at = at
        }
    }

    /// One extension request (延期申请) and the platform's decision on it.
    public struct Extension: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
            case pending
            case approved
            case denied
        }

        /// Working days asked for; the SLA service turns them into a date and checks the one-month cap.
        public var days: Int
        public var reason: String
        public var legalBasis: String
        public var requestedAt: Date
        /// The handling deadline in force when the request was filed (the first one is the original deadline).
        public var deadlineAtRequest: Date
        public var status: Status
        public var decidedAt: Date?
        /// The deadline the platform granted, when approved.
        public var grantedDeadline: Date?
        /// The platform's reason, when denied.
        public var denialReason: String?

        public init(
            days: Int,
            reason: String,
            legalBasis: String,
            requestedAt: Date,
            deadlineAtRequest: Date,
            status: Status = .pending,
            decidedAt: Date? = nil,
            grantedDeadline: Date? = nil,
            denialReason: String? = nil
        ) {
            self.days = days
            self.reason = reason
            self.legalBasis = legalBasis
            self.requestedAt = requestedAt
            self.deadlineAtRequest = deadlineAtRequest
            self.status = status
            self.decidedAt = decidedAt
            self.grantedDeadline = grantedDeadline
            self.denialReason = denialReason
        }
    }

    /// A return request (退单): the unit says the order is not its to handle.
    public struct ReturnRequest: Sendable, Hashable, Codable {
        public var reason: String
        /// The rule or duty list that puts the matter elsewhere.
        public var basis: String
        public var requestedAt: Date
        /// `nil` while the platform has not decided.
        public var approved: Bool?

        public init(reason: String, basis: String, requestedAt: Date, approved: Bool? = nil) {
            self.reason = reason
            self.basis = basis
            self.requestedAt = requestedAt
            self.approved = approved
        }
    }
}

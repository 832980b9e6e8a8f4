public import Foundation

extension WorkOrder {
    /// The 12345 result code of a reply.
    public enum ResultCode: String, Sendable, Hashable, Codable, CaseIterable {
        case solved
        case partlySolved = "partly_solved"
        case unsolved
    }

    /// The caller's verdict in the platform's callback (回访).
    public enum CallbackOutcome: String, Sendable, Hashable, Codable, CaseIterable {
        case satisfied
        case basicallySatisfied = "basically_satisfied"
        case dissatisfied
        case unreachable
    }

    /// A wage-arrears reply's claim that it meets a closure standard, with the evidence the standard asks for.
    public struct ClosureCitation: Sendable, Hashable, Codable {
        /// One piece of evidence, matched to the standard's requirement by its exact text.
        public struct Evidence: Sendable, Hashable, Codable {
            public var requirement: String
            public var attachment: Attachment

            public init(requirement: String, attachment: Attachment) {
                self.requirement = requirement
                self.attachment = attachment
            }
        }

        /// A code of the current ``ClosureStandardTable``.
        public var code: String
        public var evidence: [Evidence]
        /// The workers whose wages the handling recovered, as the unit reports it with the reply; the
        /// assessment counts it when the order closes.
        public var workersHelped: Int?
        /// The wages recovered, in fen (0.01 yuan) so that sums stay exact.
        public var amountRecoveredFen: Int64?

        public init(
            code: String, evidence: [Evidence] = [], workersHelped: Int? = nil, amountRecoveredFen: Int64? = nil
        ) {
            self.code = code
            self.evidence = evidence
            self.workersHelped = workersHelped
            self.amountRecoveredFen = amountRecoveredFen
        }

        /// Requirements with a non-blank attachment reference; blank references do not count as evidence.
        public var presentRequirements: Set<String> {
            Set(evidence.filter { !WorkOrder.isBlank($0.attachment.uri) }.map(\.requirement))
        }
    }

    /// The reply of the current cycle, from draft to review.
    public struct Result: Sendable, Hashable, Codable {
        public var text: String
        public var code: ResultCode
        public var closureStandard: ClosureCitation?
        public var draftedBy: String
        public var draftedAt: Date
        public var reviewedBy: String?
        public var reviewComment: String?

        public init(
            text: String,
            code: ResultCode,
            closureStandard: ClosureCitation?,
            draftedBy: String,
            draftedAt: Date,
            reviewedBy: String? = nil,
            reviewComment: String? = nil
        ) {
            self.text = text
            self.code = code
            self.closureStandard = closureStandard
            self.draftedBy = draftedBy
            self.draftedAt = draftedAt
            self.reviewedBy = reviewedBy
            self.reviewComment = reviewComment
        }
    }
}

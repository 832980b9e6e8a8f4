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

        public init(code: String, evidence: [Evidence] = []) {
            self.code = code
            self.evidence = evidence
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

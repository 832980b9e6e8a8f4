/// One wage-arrears closure standard (拖欠工资类诉求事项审核办结标准): a conclusion a special-case order may close
/// with, and the evidence that must back it.
public struct ClosureStandard: Sendable, Hashable, Codable, Identifiable {
    /// Stable code, cited by replies and kept in the event log.
    public var code: String
    public var title: String
    /// Evidence items, by their exact text; a citation must attach one reference for each.
    public var requiredEvidence: [String]
    /// Whether a closure under this standard counts as solved (解决) in the statistics and may carry the
    /// `solved` result code.
    public var countsAsSolved: Bool
    /// True for standards Suban made up as placeholders until the city's own are loaded.
    public var provisional: Bool
    /// The rule a closure under this standard cites, if any.
    public var legalBasis: String?

    public var id: String { code }

    public init(
        code: String,
        title: String,
        requiredEvidence: [String],
        countsAsSolved: Bool,
        provisional: Bool,
        legalBasis: String? = nil
    ) {
        self.code = code
        self.title = title
        self.requiredEvidence = requiredEvidence
        self.countsAsSolved = countsAsSolved
        self.provisional = provisional
        self.legalBasis = legalBasis
    }

    /// The required evidence that `citation` does not attach, in the standard's order.
    public func missingEvidence(in citation: WorkOrder.ClosureCitation) -> [String] {
        let present = citation.presentRequirements
        return requiredEvidence.filter { !present.contains($0) }
    }

    // The table is administrator-edited JSON: snake_case keys like the rest of Suban's stored data.
    enum CodingKeys: String, CodingKey {
        case code
        case title
        case requiredEvidence = "required_evidence"
        case countsAsSolved = "counts_as_solved"
        case provisional
        case legalBasis = "legal_basis"
    }
}

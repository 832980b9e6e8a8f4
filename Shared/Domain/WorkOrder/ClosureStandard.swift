import Foundation

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
    /// Whether closing under it means wages were paid (已足额支付, 先行垫付): the reply must then say
    /// how many workers and how much, which the assessment counts.
    public var recordsPayment: Bool

    public var id: String { code }

    public init(
        code: String,
        title: String,
        requiredEvidence: [String],
        countsAsSolved: Bool,
        provisional: Bool,
        legalBasis: String? = nil,
        recordsPayment: Bool = false
    ) {
        self.code = code
        self.title = title
        self.requiredEvidence = requiredEvidence
        self.countsAsSolved = countsAsSolved
        self.provisional = provisional
        self.legalBasis = legalBasis
        self.recordsPayment = recordsPayment
    }

    /// The code of the evidence item at `index`: E1, E2, … in the table's order, so that staff
    /// name an item by a short code rather than by its full title.
    public static func evidenceCode(at index: Int) -> String { "E\(index + 1)" }

    /// The required evidence item `name` stands for: its exact title, or its code (`E2`, or
    /// `WA-P01-E2`), alone or before the title as forms list them (`E2 劳动者确认收到工资的记录`);
    /// `nil` when it is neither.
    public func requirement(named name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if requiredEvidence.contains(trimmed) { return trimmed }
        let token = trimmed.prefix { !$0.isWhitespace }.uppercased()
        let local = token.hasPrefix(code.uppercased() + "-") ? String(token.dropFirst(code.count + 1)) : token
        guard local.uppercased().hasPrefix("E"), let number = Int(local.dropFirst()),
            requiredEvidence.indices.contains(number - 1)
        else {
            return nil
        }
        return requiredEvidence[number - 1]
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
        case recordsPayment = "records_payment"
    }

    /// Decodes the documented JSON; `records_payment` may be left out (false).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        title = try container.decode(String.self, forKey: .title)
        requiredEvidence = try container.decode([String].self, forKey: .requiredEvidence)
        countsAsSolved = try container.decode(Bool.self, forKey: .countsAsSolved)
        provisional = try container.decode(Bool.self, forKey: .provisional)
        legalBasis = try container.decodeIfPresent(String.self, forKey: .legalBasis)
        recordsPayment = try container.decodeIfPresent(Bool.self, forKey: .recordsPayment) ?? false
    }
}

public import Foundation

/// The wage-arrears closure standards in force, replaceable by the administrator without a rebuild.
///
/// The JSON form (what ``decode(jsonBytes:)`` reads and ``jsonBytes()`` writes):
/// ```json
/// { "version": "2025-1", "source": "…", "standards": [
///   { "code": "…", "title": "…", "required_evidence": ["…"], "counts_as_solved": true, "provisional": false,
///     "legal_basis": "…", "records_payment": true } ] }
/// ```
/// The shipped table is the file `Data/closure-standards.json` (scripts/generate-standards.sh).
public struct ClosureStandardTable: Sendable, Hashable, Codable {
    /// Why a table was refused; nothing of a refused table is used.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: Sendable, Hashable {
            /// Not JSON of the expected shape; the decoder's explanation.
            case malformed(String)
            case noStandards
            case blankVersion
            case blankSource
            case blankCode(index: Int)
            case duplicateCode(String)
            case blankTitle(code: String)
            case blankEvidence(code: String)
            case duplicateEvidence(code: String, evidence: String)
        }

        public var code: Code

        public init(_ code: Code) {
            self.code = code
        }

        public var description: String {
            switch code {
            case .malformed(let why): "closure standard table is not valid JSON of the expected shape: \(why)"
            case .noStandards: "closure standard table lists no standards"
            case .blankVersion: "closure standard table has no version"
            case .blankSource: "closure standard table does not say where its standards come from"
            case .blankCode(let index): "closure standard #\(index + 1) has no code"
            case .duplicateCode(let code): "closure standard code \(code) appears more than once"
            case .blankTitle(let code): "closure standard \(code) has no title"
            case .blankEvidence(let code): "closure standard \(code) lists a blank evidence item"
            case .duplicateEvidence(let code, let evidence): "closure standard \(code) lists \"\(evidence)\" twice"
            }
        }
    }

    /// The table's own version label, recorded with closures so that a later replacement stays traceable.
    public var version: String
    /// Where the standards come from (document name, or the provisional notice).
    public var source: String
    public var standards: [ClosureStandard]

    /// A validated table.
    public init(version: String, source: String, standards: [ClosureStandard]) throws(DecodingError) {
        self.version = version
        self.source = source
        self.standards = standards
        try validate()
    }

    /// Reads and validates a table: at least one standard, unique non-blank codes, non-blank titles, non-blank and
    /// distinct evidence items.
    public static func decode(jsonBytes: Data) throws(DecodingError) -> ClosureStandardTable {
        let table: ClosureStandardTable
        do {
            table = try JSONDecoder().decode(ClosureStandardTable.self, from: jsonBytes)
        } catch {
            throw DecodingError(.malformed(String(describing: error)))
        }
        try table.validate()
        return table
    }

    /// The table as pretty, key-sorted JSON: the administrator's starting point for a replacement.
    public func jsonBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The standard with `code`, if the table has it.
    public subscript(code: String) -> ClosureStandard? {
        standards.first { $0.code == code }
    }

    // For the shipped table, generated from its JSON file and validated by the tests.
    init(unvalidatedVersion version: String, source: String, standards: [ClosureStandard]) {
        self.version = version
        self.source = source
        self.standards = standards
    }

    /// `citation` with each evidence item named by its code (E1, WA-P01-E1) written as the
    /// requirement's title, as the table in force says; names it does not know stay as given.
    public func resolvingEvidenceCodes(in citation: WorkOrder.ClosureCitation) -> WorkOrder.ClosureCitation {
        guard let standard = self[citation.code] else { return citation }
        var resolved = citation
        for index in resolved.evidence.indices {
            if let title = standard.requirement(named: resolved.evidence[index].requirement) {
                resolved.evidence[index].requirement = title
            }
        }
        return resolved
    }

    /// True while any standard is a placeholder.
    public var isProvisional: Bool { standards.contains(where: \.provisional) }

    func validate() throws(DecodingError) {
        guard !WorkOrder.isBlank(version) else { throw DecodingError(.blankVersion) }
        guard !WorkOrder.isBlank(source) else { throw DecodingError(.blankSource) }
        guard !standards.isEmpty else { throw DecodingError(.noStandards) }
        var seen = Set<String>()
        for (index, standard) in standards.enumerated() {
            guard !WorkOrder.isBlank(standard.code) else { throw DecodingError(.blankCode(index: index)) }
            guard seen.insert(standard.code).inserted else { throw DecodingError(.duplicateCode(standard.code)) }
            guard !WorkOrder.isBlank(standard.title) else { throw DecodingError(.blankTitle(code: standard.code)) }
            var evidence = Set<String>()
            for item in standard.requiredEvidence {
                guard !WorkOrder.isBlank(item) else { throw DecodingError(.blankEvidence(code: standard.code)) }
                guard evidence.insert(item).inserted else {
                    throw DecodingError(.duplicateEvidence(code: standard.code, evidence: item))
                }
            }
        }
    }
}

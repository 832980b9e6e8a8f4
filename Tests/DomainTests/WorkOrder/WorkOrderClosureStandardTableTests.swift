import Domain
import Foundation
import Testing

/// The replaceable closure-standard table and its provisional seed.
@Suite struct WorkOrderClosureStandardTableTests {
    @Test func provisionalSeedIsElevenLabelledStandards() throws {
        let table = ClosureStandardTable.provisional
        #expect(table.standards.count == 11)
        #expect(table.standards.allSatisfy(\.provisional) && table.isProvisional)
        #expect(table.source.hasPrefix("PROVISIONAL"))
        #expect(table.standards.allSatisfy { !$0.requiredEvidence.isEmpty })
        #expect(table.standards.contains { $0.countsAsSolved } && table.standards.contains { !$0.countsAsSolved })
    }

    /// The shipped table is the data file; the compiled-in copy must say exactly what it says:
    /// run `scripts/generate-standards.sh` after editing it.
    @Test func theCompiledInTableIsTheDataFile() throws {
        let file = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Shared/Domain/WorkOrder/Data/closure-standards.json")
        #expect(try ClosureStandardTable.decode(jsonBytes: Data(contentsOf: file)) == ClosureStandardTable.provisional)
        #expect(
            ClosureStandardTable.provisional.standards.filter(\.recordsPayment).map(\.code) == ["WA-P01", "WA-P07"])
    }

    /// Evidence is named by a short code, alone, with the standard's prefix, or before the title
    /// as the reply form lists it; the exact title still works.
    @Test func evidenceIsNamedByItsCode() throws {
        let standard = try #require(ClosureStandardTable.provisional["WA-P01"])
        let second = standard.requiredEvidence[1]
        for name in ["E2", "e2", "WA-P01-E2", "E2 \(second)", second] {
            #expect(standard.requirement(named: name) == second, "\(name)")
        }
        for name in ["E0", "E4", "WA-P02-E2", "工资", ""] {
            #expect(standard.requirement(named: name) == nil, "\(name)")
        }
    }

    @Test func provisionalSeedSurvivesItsOwnValidation() throws {
        let table = ClosureStandardTable.provisional
        #expect(try ClosureStandardTable.decode(jsonBytes: table.jsonBytes()) == table)
    }

    @Test func decodesAnAdministratorsTable() throws {
        let json = """
            {"version": "2026-1", "source": "市12345指挥中心", "standards": [
              {"code": "SMX-01", "title": "已足额支付", "required_evidence": ["支付凭证", "劳动者确认"],
               "counts_as_solved": true, "provisional": false, "legal_basis": "《保障农民工工资支付条例》"},
              {"code": "SMX-02", "title": "已移送公安机关", "required_evidence": [], "counts_as_solved": false,
               "provisional": false}
            ]}
            """
        let table = try ClosureStandardTable.decode(jsonBytes: Data(json.utf8))
        #expect(table.standards.map(\.code) == ["SMX-01", "SMX-02"])
        #expect(table["SMX-01"]?.requiredEvidence == ["支付凭证", "劳动者确认"])
        #expect(table["SMX-02"]?.legalBasis == nil && table["SMX-03"] == nil)
        #expect(!table.isProvisional)
    }

    static let refused: [(String, ClosureStandardTable.DecodingError.Code)] = [
        (#"{"version": "1", "source": "s", "standards": []}"#, .noStandards),
        (#"{"version": " ", "source": "s", "standards": [\#(entry("A"))]}"#, .blankVersion),
        (#"{"version": "1", "source": "", "standards": [\#(entry("A"))]}"#, .blankSource),
        (#"{"version": "1", "source": "s", "standards": [\#(entry("A")), \#(entry(""))]}"#, .blankCode(index: 1)),
        (#"{"version": "1", "source": "s", "standards": [\#(entry("A")), \#(entry("A"))]}"#, .duplicateCode("A")),
        (#"{"version": "1", "source": "s", "standards": [\#(entry("A", title: " "))]}"#, .blankTitle(code: "A")),
        (
            #"{"version": "1", "source": "s", "standards": [\#(entry("A", evidence: #"["x", ""]"#))]}"#,
            .blankEvidence(code: "A")
        ),
        (
            #"{"version": "1", "source": "s", "standards": [\#(entry("A", evidence: #"["x", "x"]"#))]}"#,
            .duplicateEvidence(code: "A", evidence: "x")
        ),
    ]

    private static func entry(_ code: String, title: String = "t", evidence: String = "[]") -> String {
        #"{"code": "\#(code)", "title": "\#(title)", "required_evidence": \#(evidence), "#
            + #""counts_as_solved": true, "provisional": false}"#
    }

    @Test(arguments: refused)
    func invalidTableIsRefused(json: String, expected: ClosureStandardTable.DecodingError.Code) {
        let error = #expect(throws: ClosureStandardTable.DecodingError.self) {
            try ClosureStandardTable.decode(jsonBytes: Data(json.utf8))
        }
        #expect(error?.code == expected)
        #expect(error?.description.isEmpty == false)
    }

    @Test(arguments: [
        "", "[]", "{", #"{"version": "1", "source": "s"}"#, #"{"version": 1, "source": "s", "standards": []}"#,
    ])
    func malformedJSONIsRefused(_ json: String) {
        let error = #expect(throws: ClosureStandardTable.DecodingError.self) {
            try ClosureStandardTable.decode(jsonBytes: Data(json.utf8))
        }
        guard case .malformed = error?.code else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
    }

    @Test func tablesBuiltInCodeAreValidatedToo() {
        #expect(throws: ClosureStandardTable.DecodingError(.noStandards)) {
            try ClosureStandardTable(version: "1", source: "s", standards: [])
        }
    }

    @Test func missingEvidenceFollowsTheStandardsOrder() throws {
        let standard = try #require(ClosureStandardTable.provisional["WA-P01"])
        let citation = WorkOrder.ClosureCitation(
            code: "WA-P01",
            evidence: [.init(requirement: standard.requiredEvidence[1], attachment: .init(name: "确认", uri: "e://1"))]
        )
        #expect(standard.missingEvidence(in: citation) == [standard.requiredEvidence[0], standard.requiredEvidence[2]])
    }
}

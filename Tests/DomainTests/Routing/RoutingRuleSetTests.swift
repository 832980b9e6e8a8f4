import Domain
import Foundation
import Testing

/// The rule set's JSON form and the validation of an administrator's rules against the directory.
@Suite struct RoutingRuleSetTests {
    typealias F = RoutingFixtures

    @Test func shippedRulesSurviveTheirOwnValidation() throws {
        let decoded = try RoutingRuleSet.decode(jsonBytes: F.rules.jsonBytes(), directory: F.directory)
        #expect(decoded == F.rules)
        #expect(decoded.rules.filter { $0.mode != nil }.map(\.id) == ["wage_arrears.special_case"])
    }

    @Test func everyLevelTwoUnitIsReachableByATopicOrARule() {
        let byTopic = Set(F.directory.units.filter { !$0.topics.isEmpty }.map(\.code))
        let byRule = Set(F.rules.rules.flatMap(\.units))
        for unit in F.directory.units where unit.level == .unit {
            #expect(byTopic.contains(unit.code) || byRule.contains(unit.code), "\(unit.code) is never chosen")
        }
    }

    @Test func decodesAnAdministratorsRules() throws {
        let json = """
            {"version": "2026-1", "rules": [
              {"id": "special.wages", "topics": ["wage_arrears"], "units": ["labor_inspection_brigade"], "mode": "special_case"},
              {"id": "kw.injury", "keywords": ["工伤", "Injury"], "units": ["work_injury_insurance_center"], "note": "工伤"}
            ]}
            """
        let set = try RoutingRuleSet.decode(jsonBytes: Data(json.utf8), directory: F.directory)
        #expect(set.version == "2026-1")
        #expect(set["special.wages"]?.mode == .specialCase)
        #expect(set["kw.injury"]?.topics == [] && set["kw.injury"]?.mode == nil)
        #expect(set["kw.injury"]?.applies(topic: .other, words: set.words(of: "an INJURY at work")) == true)
        #expect(set["kw.injury"]?.applies(topic: .other, words: set.words(of: "nothing")) == false)
        #expect(
            set["kw.injury"]?.applies(topic: .other, words: set.words(of: "injuryless")) == false, "whole words only")
    }

    static let rule = #""units": ["work_injury_insurance_center"]"#

    static let refused: [(String, String, FieldError.Code)] = [
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["就业"], \#(rule)}], "terms": ["养老保险"]}"#, "terms[0]",
            RoutingFieldCode.notAllowed
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["就业"], \#(rule)}], "terms": ["就业"]}"#, "terms[0]",
            RoutingFieldCode.notAllowed
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["就业"], \#(rule)}], "terms": ["就业人员", "就业人员"]}"#,
            "terms[1]", RoutingFieldCode.duplicate
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["就业"], \#(rule)}], "terms": [" "]}"#, "terms[0]",
            .required
        ),
        (#"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], \#(rule)}"#, "", RoutingFieldCode.malformedJSON),
        (#"{"version": " ", "rules": []}"#, "version", .required),
        (
            #"{"version": "1", "rules": [{"id": "a", "topics": ["pensions"], \#(rule)}]}"#, "rules[0].topics[0]",
            RoutingFieldCode.unknownValue
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "topics": ["pension"], \#(rule), "mode": "fast"}]}"#,
            "rules[0].mode", RoutingFieldCode.unknownValue
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keyword": ["x"], \#(rule)}]}"#, "rules[0].keyword",
            RoutingFieldCode.unknownField
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"]}]}"#, "rules[0].units",
            RoutingFieldCode.malformedJSON
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], \#(rule)}, {"id": "a", "keywords": ["y"], \#(rule)}]}"#,
            "rules[1].id", RoutingFieldCode.duplicate
        ),
        (
            #"{"version": "1", "rules": [{"id": "Rule 1", "keywords": ["x"], \#(rule)}]}"#, "rules[0].id",
            RoutingFieldCode.invalidCode
        ),
        (
            #"{"version": "1", "rules": [{"id": "urgent", "keywords": ["x"], \#(rule)}]}"#, "rules[0].id",
            RoutingFieldCode.notAllowed
        ),
        (#"{"version": "1", "rules": [{"id": "a", \#(rule)}]}"#, "rules[0]", RoutingFieldCode.notAllowed),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x", " "], \#(rule)}]}"#, "rules[0].keywords[1]",
            .required
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x", "X"], \#(rule)}]}"#, "rules[0].keywords[1]",
            RoutingFieldCode.duplicate
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "topics": ["pension", "pension"], \#(rule)}]}"#,
            "rules[0].topics[1]", RoutingFieldCode.duplicate
        ),
        (#"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], "units": []}]}"#, "rules[0].units", .required),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], "units": ["arbitration_section"]}]}"#,
            "rules[0].units[0]", RoutingFieldCode.unknownUnit
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], "units": ["office"]}]}"#, "rules[0].units[0]",
            RoutingFieldCode.notAllowed
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], "units": ["enterprise_help"]}]}"#,
            "rules[0].units[0]", RoutingFieldCode.notAllowed
        ),
        (
            #"{"version": "1", "rules": [{"id": "a", "keywords": ["x"], "units": ["talent_exchange_center", "talent_exchange_center"]}]}"#,
            "rules[0].units[1]", RoutingFieldCode.duplicate
        ),
    ]

    @Test(arguments: refused)
    func invalidRulesAreRefusedNamingTheField(json: String, field: String, code: FieldError.Code) {
        #expect {
            _ = try RoutingRuleSet.decode(jsonBytes: Data(json.utf8), directory: F.directory)
        } throws: { error in
            guard let error = error as? FieldError else { return false }
            return error.field == field && error.code == code
        }
    }
}

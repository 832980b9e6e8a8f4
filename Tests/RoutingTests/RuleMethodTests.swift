import Domain
import Foundation
import GRDB
import Persistence
import RPC
import RoutingCore
import Testing
import WireProtocol

/// `routing.replace_rules`: an administrator replaces the rule set as data, whole or not at all,
/// and each replacement is recorded as theirs.
@Suite("routing rules")
struct RuleMethodTests {
    static let pensionOfAFlexibleWorker = Wire.RouteOrderRequest(
        topic: "pension", kind: "complaint", urgency: "normal", content: "灵活就业人员养老保险断缴")

    static func replace(_ client: RPCClient, _ set: RoutingRuleSet) async throws -> Wire.ReplaceRulesResponse {
        try await client.call(
            "routing.replace_rules", Wire.ReplaceRulesRequest(rulesJson: Array(try set.jsonBytes())),
            as: Wire.ReplaceRulesResponse.self)
    }

    static func units(_ client: RPCClient, _ request: Wire.RouteOrderRequest) async throws -> [String] {
        try await client.call("routing.route", request, as: Wire.RouteOrderResponse.self).decision?.units ?? []
    }

    @Test func aNewSetRoutesAtOnceSurvivesARestartAndNamesWhoLoadedIt() async throws {
        let service = try RoutingTestService()
        defer { service.removeFiles() }
        var edited = RoutingRuleSet.shipped
        edited.version = "2027-1"
        edited.terms = []  // without the term, 灵活就业 inside 灵活就业人员 matches again
        try await service.run { client in
            #expect(try await Self.units(client, Self.pensionOfAFlexibleWorker) == ["pension_insurance_center"])
            let response = try await Self.replace(client, edited)
            #expect(response.version == "2027-1" && response.rules == UInt32(edited.rules.count) && response.terms == 0)
            #expect(
                try await Self.units(client, Self.pensionOfAFlexibleWorker) == [
                    "pension_insurance_center", "employment_office",
                ])
        }
        try await service.run { client in
            let stored = try await client.call(
                "routing.list_rules", Wire.ListRulesRequest(), as: Wire.ListRulesResponse.self)
            #expect(try RoutingRuleSet.decode(storedJSON: Data(stored.rulesJson)) == edited)
        }
        let database = try ServiceDatabase.open(
            directory: service.directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? database.close() }
        let audit = try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT account, action, subject, detail FROM edit_event WHERE action = 'rules_replaced'")
        }
        #expect(audit.count == 1)
        #expect(
            audit.first?["subject"] == "2027-1"
                && (audit.first?["detail"] as String?)?.hasSuffix("replacing shipped-2") == true)
    }

    @Test(arguments: [
        (
            #"{"version": "x", "rules": [{"id": "a", "keywords": ["就业"], "units": ["nosuch_unit"]}]}"#,
            "rules[0].units[0]"
        ),
        (
            #"{"version": "x", "rules": [{"id": "a", "keywords": ["就业"], "units": ["employment_office"]}], "terms": ["养老"]}"#,
            "terms[0]"
        ),
        (#"{"version": "x", "rules": "#, ""),
    ])
    func aFaultyFileIsRefusedWithItsFieldAndChangesNothing(json: String, field: String) async throws {
        try await RoutingTestService.with { client in
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call(
                    "routing.replace_rules", Wire.ReplaceRulesRequest(rulesJson: Array(json.utf8)),
                    as: Wire.ReplaceRulesResponse.self)
            }
            #expect(error?.code == .invalidArgument && error?.fieldViolations.first?.field == field)
            let stored = try await client.call(
                "routing.list_rules", Wire.ListRulesRequest(), as: Wire.ListRulesResponse.self)
            #expect(try RoutingRuleSet.decode(storedJSON: Data(stored.rulesJson)) == .shipped)
        }
    }
}

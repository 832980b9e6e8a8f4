import Domain
import Foundation
import RPC
import Testing
import WireProtocol

/// `routing.import_enterprises` and `routing.list_enterprises`, and key enterprises in routing.
@Suite("routing enterprises")
struct EnterpriseMethodTests {
    // Valid GB 32100 codes (check characters computed, not copied from real enterprises).
    static let first = "91411200MA44A0B1CH"
    static let second = "91411202MA47K3L2XA"
    static let third = "91411221MA9F0R7P4Q"

    static func importCSV(_ client: RPCClient, _ text: String, replace: Bool = false) async throws
        -> Wire.ImportEnterprisesResponse
    {
        try await client.call(
            "routing.import_enterprises", Wire.ImportEnterprisesRequest(csv: Array(text.utf8), replace: replace),
            as: Wire.ImportEnterprisesResponse.self
        )
    }

    static func list(_ client: RPCClient) async throws -> [Wire.KeyEnterprise] {
        try await client.call(
            "routing.list_enterprises", Wire.ListEnterprisesRequest(), as: Wire.ListEnterprisesResponse.self
        ).enterprises
    }

    @Test func theRulesInForceAreReadable() async throws {
        try await RoutingTestService.with { client in
            let stored = try await client.call(
                "routing.list_rules", Wire.ListRulesRequest(), as: Wire.ListRulesResponse.self)
            let rules = try RoutingRuleSet.decode(storedJSON: Data(stored.rulesJson))
            #expect(rules == RoutingRuleSet.shipped)
        }
    }

    @Test func aValidCSVIsImportedAndRoutesKeyEnterprises() async throws {
        try await RoutingTestService.with { client in
            #expect(try await Self.list(client).isEmpty)
            let response = try await Self.importCSV(
                client, "name,credit_code\n三门峡示例实业有限公司,\(Self.first)\n\"渑池示例材料有限公司\",\(Self.second)\n")
            #expect(response.imported == 2 && response.total == 2)
            #expect(
                try await Self.list(client) == [
                    Wire.KeyEnterprise(name: "三门峡示例实业有限公司", creditCode: Self.first),
                    Wire.KeyEnterprise(name: "渑池示例材料有限公司", creditCode: Self.second),
                ]
            )
            for request in [
                Wire.RouteOrderRequest(
                    topic: "pension", kind: "complaint", urgency: "urgent", enterpriseCreditCode: Self.first),
                Wire.RouteOrderRequest(
                    topic: "employment", kind: "help", urgency: "normal", enterpriseName: "渑池示例材料有限公司"),
            ] {
                let decision = try await client.call("routing.route", request, as: Wire.RouteOrderResponse.self)
                    .decision
                #expect(
                    decision?.units == ["enterprise_help"] && decision?.track == "key_enterprise"
                        && decision?.handlingMode == "transfer")
            }
        }
    }

    @Test func anInvalidCSVNamesItsLinesAndImportsNothing() async throws {
        try await RoutingTestService.with { client in
            _ = try await Self.importCSV(client, "name,credit_code\n已有企业,\(Self.first)\n")
            let error = await #expect(throws: RPCError.self) {
                // Line 2 is fine, line 3 has a wrong check character, line 4 no name.
                _ = try await Self.importCSV(
                    client, "name,credit_code\n新企业,\(Self.third)\n坏企业,91411202MA47K3L2XB\n,\(Self.second)\n",
                    replace: true)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.fieldViolations.map(\.field) == ["csv.line[3].credit_code", "csv.line[4].name"])
            #expect(error?.fieldViolations.first?.message.contains("line 3") == true)
            #expect(try await Self.list(client) == [Wire.KeyEnterprise(name: "已有企业", creditCode: Self.first)])
        }
    }

    @Test func replaceSwapsTheWholeListAndAddUpdatesNames() async throws {
        try await RoutingTestService.with { client in
            _ = try await Self.importCSV(client, "name,credit_code\n甲,\(Self.first)\n乙,\(Self.second)\n")
            let added = try await Self.importCSV(client, "name,credit_code\n乙（更名）,\(Self.second)\n丙,\(Self.third)\n")
            #expect(added.imported == 2 && added.total == 3)
            #expect(try await Self.list(client).map(\.name) == ["甲", "乙（更名）", "丙"])

            let replaced = try await Self.importCSV(client, "name,credit_code\n丙,\(Self.third)\n", replace: true)
            #expect(replaced.imported == 1 && replaced.total == 1)
            #expect(try await Self.list(client).map(\.creditCode) == [Self.third])
        }
    }
}

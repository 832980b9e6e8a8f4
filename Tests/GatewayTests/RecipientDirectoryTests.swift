import Domain
import RPC
import ServiceDirectory
import ServiceKit
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// Notifications go to the console's accounts holding the posts in the unit; routing only says
/// whether the unit exists.
@Suite("Recipients of a notification")
struct RecipientDirectoryTests {
    static func routing() -> RPCRouter {
        var router = RPCRouter()
        router.register("routing.list_units") { (_: Wire.ListUnitsRequest, _) in
            Wire.ListUnitsResponse(units: GatewayFixture.units)
        }
        return router
    }

    static let accounts = [
        Wire.Account(
            login: "zhao.li", name: "赵立", email: "zhao.li@bureau.example.cn", roles: ["unit_leader"],
            unit: "employment_office"),
        Wire.Account(
            login: "qian.fu", name: "钱副", email: "qian.fu@bureau.example.cn", roles: ["deputy_leader"],
            unit: "employment_office"),
        Wire.Account(
            login: "sun.lian", name: "孙联", email: "sun.lian@bureau.example.cn", roles: ["liaison"],
            unit: "employment_office"),
        Wire.Account(
            login: "li.other", name: "李他", email: "li.other@bureau.example.cn", roles: ["liaison"],
            unit: "pension_office"),
        Wire.Account(
            login: "zhou.desk", name: "周值班", email: "desk@bureau.example.cn", roles: ["bureau_desk"], unit: "office"),
    ]

    /// Runs `body` with a directory over the fake routing and a console holding `accounts` (or none
    /// answering, when nil).
    static func withDirectory(accounts: [Wire.Account]?, _ body: (RecipientDirectory) async throws -> Void) async throws
    {
        try await withTestServer(routing()) { _, routingPort in
            guard let accounts else {
                return try await body(
                    RecipientDirectory(routing: makeTestClient(port: routingPort), console: makeTestClient(port: 1)))
            }
            try await withTestServer(GatewayFixture.console(accounts)) { _, consolePort in
                try await body(
                    RecipientDirectory(
                        routing: makeTestClient(port: routingPort), console: makeTestClient(port: consolePort)))
            }
        }
    }

    @Test func theAccountsHoldingThePostsReceiveIt() async throws {
        try await Self.withDirectory(accounts: Self.accounts) { directory in
            let slip = try await directory.recipients(of: "employment_office", kind: "transfer_slip")
            #expect(Set(slip) == ["zhao.li@bureau.example.cn", "qian.fu@bureau.example.cn"])
            #expect(
                try await directory.recipients(of: "employment_office", kind: "reminder") == [
                    "sun.lian@bureau.example.cn"
                ])
            #expect(
                try await directory.recipients(of: "employment_office", kind: "daily_digest") == [
                    "zhao.li@bureau.example.cn"
                ])
        }
    }

    @Test func aPostNobodyHoldsIsTheDirectorysAnswerNotAnOutage() async throws {
        try await Self.withDirectory(accounts: Self.accounts.filter { !$0.roles.contains("liaison") }) { directory in
            let error = await #expect(throws: RPCError.self) {
                _ = try await directory.recipients(of: "employment_office", kind: "reminder")
            }
            #expect(error?.code == .failedPrecondition && error.map(RecipientDirectory.isDirectoryAnswer) == true)
            #expect(error?.message.contains("subanctl accounts create") == true)
        }
    }

    @Test func anUnknownUnitIsNotFound() async throws {
        try await Self.withDirectory(accounts: Self.accounts) { directory in
            let error = await #expect(throws: RPCError.self) {
                _ = try await directory.recipients(of: "pension_office", kind: "reminder")
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test func aConsoleThatDoesNotAnswerIsAnOutageToRetry() async throws {
        try await Self.withDirectory(accounts: nil) { directory in
            let error = await #expect(throws: RPCError.self) {
                _ = try await directory.recipients(of: "employment_office", kind: "reminder")
            }
            #expect(error?.code == .unavailable && error.map(RecipientDirectory.isDirectoryAnswer) == false)
        }
    }

    /// The escalation ladder: a warning reaches the liaison; past the deadline the unit's head and
    /// the desk on duty hear of it too; an urgent order to instruct reaches the deputy leader.
    @Test func overdueClimbsTheLadderToTheHeadAndTheDesk() async throws {
        try await Self.withDirectory(accounts: Self.accounts) { directory in
            #expect(
                try await directory.recipients(of: "employment_office", kind: "overdue_warning") == [
                    "sun.lian@bureau.example.cn"
                ])
            let overdue = try await directory.recipients(of: "employment_office", kind: "overdue")
            #expect(
                Set(overdue) == ["sun.lian@bureau.example.cn", "zhao.li@bureau.example.cn", "desk@bureau.example.cn"])
            #expect(
                try await directory.recipients(of: "employment_office", kind: "instruction_request").contains(
                    "qian.fu@bureau.example.cn"))
            for kind in ["sent_back", "dissatisfied_callback", "reopened"] {
                #expect(
                    Set(try await directory.recipients(of: "employment_office", kind: kind)) == [
                        "sun.lian@bureau.example.cn", "zhao.li@bureau.example.cn",
                    ])
            }
        }
    }

    @Test func theLadderIsConfiguration() async throws {
        let ladder = try NotificationLadder.shipped.overridden(
            by: "overdue_warning=liaison,unit_leader; overdue=desk:bureau_desk")
        #expect(ladder.rungs(for: "overdue_warning").map(\.description) == ["liaison", "unit_leader"])
        #expect(ladder.rungs(for: "overdue").map(\.description) == ["desk:bureau_desk"])
        #expect(
            ladder.rungs(for: "transfer_slip") == NotificationLadder.shipped.rungs(for: "transfer_slip"),
            "kinds not named keep theirs")
        for bad in ["nosuch=liaison", "overdue=chef", "overdue=", "overdue", "overdue=platform"] {
            #expect(throws: ServiceEnvironment.ConfigurationError.self, "\(bad)") {
                _ = try NotificationLadder.shipped.overridden(by: bad)
            }
        }
        let configuration = try GatewayConfiguration(
            environment: ["SUBAN_GATEWAY_NOTIFY_LADDER": "reopened=unit_leader"], rpcPort: 0)
        #expect(configuration.notificationLadder.rungs(for: "reopened").map(\.description) == ["unit_leader"])
        #expect(
            configuration.effectiveConfiguration.contains {
                $0.hasPrefix("SUBAN_GATEWAY_NOTIFY_LADDER=") && $0.contains("reopened=unit_leader")
            })
    }
}

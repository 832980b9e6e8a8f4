import Domain
@testable import GatewayCore
import RPC
import Testing
import TestSupport
import WireProtocol

/// Notifications go to the console's accounts holding the posts in the unit; routing's own
/// contacts serve a unit whose posts no account holds yet, and a console that does not answer.
@Suite("Recipients of a notification")
struct RecipientDirectoryTests {
    /// A console answering `console.contacts` from `accounts`, as the real one filters them.
    static func console(_ accounts: [Account]) -> RPCRouter {
        var router = RPCRouter()
        router.register("console.contacts") { (request: ContactsRequest, _) in
            ContactsResponse(accounts: accounts.filter { $0.unit == request.unit && !Set($0.roles).isDisjoint(with: request.roles) })
        }
        return router
    }

    static func routing() -> RPCRouter {
        var router = RPCRouter()
        router.register("routing.list_units") { (_: ListUnitsRequest, _) in ListUnitsResponse(units: GatewayFixture.units) }
        return router
    }

    static let accounts = [
        Account(login: "zhao.li", name: "赵立", email: "zhao.li@bureau.example.cn", roles: ["unit_leader"], unit: "employment_office"),
        Account(login: "qian.fu", name: "钱副", email: "qian.fu@bureau.example.cn", roles: ["deputy_leader"], unit: "employment_office"),
        Account(login: "sun.lian", name: "孙联", email: "sun.lian@bureau.example.cn", roles: ["liaison"], unit: "employment_office"),
        Account(login: "li.other", name: "李他", email: "li.other@bureau.example.cn", roles: ["liaison"], unit: "pension_office"),
    ]

    @Test func theAccountsHoldingThePostsReceiveIt() async throws {
        try await withTestServer(Self.routing()) { _, routingPort in
            try await withTestServer(Self.console(Self.accounts)) { _, consolePort in
                let directory = RecipientDirectory(routing: makeTestClient(port: routingPort), console: makeTestClient(port: consolePort))
                let slip = try await directory.recipients(of: "employment_office", kind: "transfer_slip")
                #expect(Set(slip) == ["zhao.li@bureau.example.cn", "qian.fu@bureau.example.cn"])
                #expect(try await directory.recipients(of: "employment_office", kind: "reminder") == ["sun.lian@bureau.example.cn"])
                #expect(try await directory.recipients(of: "employment_office", kind: "daily_digest") == ["zhao.li@bureau.example.cn"])
            }
        }
    }

    @Test func withoutAccountsOrConsoleTheDirectorysContactsServe() async throws {
        try await withTestServer(Self.routing()) { _, routingPort in
            try await withTestServer(Self.console([])) { _, consolePort in
                let directory = RecipientDirectory(routing: makeTestClient(port: routingPort), console: makeTestClient(port: consolePort))
                let directoryContact = try await directory.recipients(of: "employment_office", kind: "reminder")
                #expect(directoryContact == ["liaison@employment.example.cn"])
            }
            let unreachable = RecipientDirectory(routing: makeTestClient(port: routingPort), console: makeTestClient(port: 1))
            let fallback = try await unreachable.recipients(of: "employment_office", kind: "reminder")
            #expect(fallback == ["liaison@employment.example.cn"])
        }
    }
}

import Foundation
import RPC
import Testing
import WireProtocol

/// `console.import_accounts`: a unit's people in one go, all or none.
@Suite("console roster import")
struct RosterImportTests {
    static let roster = [
        Wire.Account(
            login: "wang.lian", name: "王联", email: "wang.lian@rsj.example.cn", roles: ["liaison"],
            unit: "employment_office"),
        Wire.Account(
            login: "zhao.zhu", name: "赵主", email: "zhao.zhu@rsj.example.cn", roles: ["unit_leader"],
            unit: "employment_office"),
        Wire.Account(
            login: "qian.fen", name: "钱分", email: "qian.fen@rsj.example.cn", roles: ["deputy_leader", "bureau_leader"],
            unit: "employment_office"),
    ]

    @Test func aRosterIsCreatedWithAOneTimePasswordEach() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let response: Wire.ImportAccountsResponse = try await console.call(
                "console.import_accounts", Wire.ImportAccountsRequest(accounts: Self.roster), session: admin)
            #expect(response.created.map { $0.account?.login } == Self.roster.map(\.login))
            #expect(Set(response.created.map(\.oneTimePassword)).count == 3)
            #expect(response.created.allSatisfy { $0.account?.mustChangePassword == true })
            let signedIn = try await console.signIn("wang.lian", response.created[0].oneTimePassword)
            #expect(signedIn.account?.roles == ["liaison"])
            let events = try await console.events(login: "zhao.zhu", adminSession: admin)
            #expect(events.map(\.kind) == ["account_created"] && events.first?.by == "admin")
        }
    }

    @Test func oneBadEntryOrATakenLoginCreatesNothingAndNamesEveryEntry() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            var roster = Self.roster
            roster[1].email = "zhao.zhu@"
            roster.append(Wire.Account(login: "wang.lian", name: "王联二", roles: ["liaison"], unit: "employment_office"))
            let invalid = await console.refusal(
                "console.import_accounts", Wire.ImportAccountsRequest(accounts: roster), session: admin,
                as: Wire.ImportAccountsResponse.self)
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.fieldViolations.map(\.field) == ["accounts[1].email", "accounts[3].login"])

            let taken = await console.refusal(
                "console.import_accounts",
                Wire.ImportAccountsRequest(accounts: [
                    Self.roster[0], Wire.Account(login: "admin", name: "另一个", roles: ["bureau_desk"]),
                ]),
                session: admin, as: Wire.ImportAccountsResponse.self)
            #expect(taken?.code == .alreadyExists)
            let accounts: Wire.ListAccountsResponse = try await console.call(
                "console.list_accounts", Wire.ListAccountsRequest(includeDisabled: true), session: admin)
            #expect(accounts.accounts.map(\.login) == ["admin"])
        }
    }
}

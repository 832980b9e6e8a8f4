import Domain
import Foundation
import Identity
import RPC
import Testing
import WireProtocol

/// The administrators' methods, and the contacts other services ask for.
@Suite("console account administration")
struct AccountAdministrationTests {
    static func accounts(_ console: ConsoleFixture, _ session: String, includeDisabled: Bool = true) async throws
        -> [Wire.Account]
    {
        let response: Wire.ListAccountsResponse = try await console.call(
            "console.list_accounts", Wire.ListAccountsRequest(includeDisabled: includeDisabled), session: session
        )
        return response.accounts
    }

    @Test func onlyAdministratorsAdministerAccounts() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let liaison = try await console.staffSession(
                ConsoleFixture.liaison, password: "liaison password", adminSession: admin)
            let refusals = [
                await console.refusal(
                    "console.create_account", Wire.CreateAccountRequest(account: ConsoleFixture.liaison),
                    session: liaison,
                    as: Wire.CreateAccountResponse.self),
                await console.refusal(
                    "console.update_account", Wire.UpdateAccountRequest(account: ConsoleFixture.liaison),
                    session: liaison,
                    as: Wire.UpdateAccountResponse.self),
                await console.refusal(
                    "console.set_account_disabled", Wire.SetAccountDisabledRequest(login: "admin", disabled: true),
                    session: liaison, as: Wire.SetAccountDisabledResponse.self),
                await console.refusal(
                    "console.reset_password", Wire.ResetPasswordRequest(login: "admin"), session: liaison,
                    as: Wire.ResetPasswordResponse.self),
                await console.refusal(
                    "console.list_accounts", Wire.ListAccountsRequest(), session: liaison,
                    as: Wire.ListAccountsResponse.self),
                await console.refusal(
                    "console.list_account_events", Wire.ListAccountEventsRequest(), session: liaison,
                    as: Wire.ListAccountEventsResponse.self),
            ]
            for refusal in refusals {
                #expect(refusal?.code == .permissionDenied)
                #expect(refusal?.message.contains("li.wei is not an administrator") == true)
            }
            #expect(try await Self.accounts(console, admin).count == 2)
        }
    }

    @Test func anInvalidAccountNamesEveryFieldAndChangesNothing() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let eventsBefore = try await console.events(login: "", adminSession: admin)
            let invalid = Wire.Account(
                login: "Li Wei", name: "李\u{202E}伟", phone: "138 0000", email: "li.wei@",
                roles: ["liaison", "system", "chief", "liaison"],
                unit: ""
            )
            let error = await console.refusal(
                "console.create_account", Wire.CreateAccountRequest(account: invalid), session: admin,
                as: Wire.CreateAccountResponse.self
            )
            #expect(error?.code == .invalidArgument)
            #expect(
                error?.fieldViolations.map { "\($0.field) \($0.code)" } == [
                    "account.login invalid", "account.name invalid", "account.phone invalid", "account.email invalid",
                    "account.roles[1] not_staff", "account.roles[2] unknown_role", "account.roles[3] duplicate",
                    "account.unit required",
                ]
            )
            let noRoles = await console.refusal(
                "console.create_account",
                Wire.CreateAccountRequest(account: Wire.Account(login: "x", name: "X", unit: "Bad-Unit")),
                session: admin,
                as: Wire.CreateAccountResponse.self
            )
            #expect(noRoles?.fieldViolations.map(\.field) == ["account.roles", "account.unit"])
            #expect(try await Self.accounts(console, admin).map(\.login) == ["admin"])
            #expect(try await console.events(login: "", adminSession: admin) == eventsBefore)
        }
    }

    @Test func aNewAccountSignsInWithItsOneTimePasswordOnce() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let created: Wire.CreateAccountResponse = try await console.call(
                "console.create_account", Wire.CreateAccountRequest(account: ConsoleFixture.liaison), session: admin
            )
            let account = try #require(created.account)
            #expect(account.mustChangePassword && account.createdBy == "admin" && account.roles == ["liaison"])
            #expect(account.unit == "employment_office" && account.phone == "13800000000")
            let signedIn = try await console.signIn("li.wei", created.oneTimePassword)
            #expect(signedIn.account?.mustChangePassword == true)

            let taken = await console.refusal(
                "console.create_account", Wire.CreateAccountRequest(account: ConsoleFixture.liaison), session: admin,
                as: Wire.CreateAccountResponse.self
            )
            #expect(taken?.code == .alreadyExists)
            let events = try await console.events(login: "li.wei", adminSession: admin)
            #expect(events.map(\.kind) == ["signed_in", "account_created"])
            #expect(events.last?.by == "admin" && events.last?.detail == "roles liaison, unit employment_office")
        }
    }

    @Test func anUpdateReplacesTheProfile() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            try await console.createAccount(ConsoleFixture.liaison, adminSession: admin)
            var changed = ConsoleFixture.liaison
            changed.roles = ["liaison", "unit_leader"]
            changed.email = ""
            changed.name = "  李伟  "
            let response: Wire.UpdateAccountResponse = try await console.call(
                "console.update_account", Wire.UpdateAccountRequest(account: changed), session: admin
            )
            #expect(
                response.account?.roles == ["liaison", "unit_leader"] && response.account?.email == ""
                    && response.account?.name == "李伟")
            #expect(
                try await console.events(login: "li.wei", adminSession: admin).first?.detail
                    == "changed email; roles liaison,unit_leader")

            changed.login = "nobody"
            let missing = await console.refusal(
                "console.update_account", Wire.UpdateAccountRequest(account: changed), session: admin,
                as: Wire.UpdateAccountResponse.self
            )
            #expect(missing?.code == .notFound)
        }
    }

    @Test func disablingEndsTheSessionsAndEnablingAllowsSignInAgain() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let session = try await console.staffSession(
                ConsoleFixture.liaison, password: "liaison password", adminSession: admin)
            let disabled: Wire.SetAccountDisabledResponse = try await console.call(
                "console.set_account_disabled",
                Wire.SetAccountDisabledRequest(login: "li.wei", disabled: true, reason: "on leave"), session: admin
            )
            #expect(disabled.account?.disabled == true)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: session, as: Wire.WhoAmIResponse.self)?
                    .code == .unauthenticated)
            #expect(try await Self.accounts(console, admin, includeDisabled: false).map(\.login) == ["admin"])

            let _: Wire.SetAccountDisabledResponse = try await console.call(
                "console.set_account_disabled", Wire.SetAccountDisabledRequest(login: "li.wei", disabled: false),
                session: admin
            )
            _ = try await console.signIn("li.wei", "liaison password")
            let kinds = try await console.events(login: "li.wei", adminSession: admin).map(\.kind)
            #expect(kinds.prefix(4) == ["signed_in", "account_enabled", "session_revoked", "account_disabled"])
        }
    }

    @Test func aResetGivesANewOneTimePasswordAndEndsTheSessions() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let session = try await console.staffSession(
                ConsoleFixture.liaison, password: "liaison password", adminSession: admin)
            let reset: Wire.ResetPasswordResponse = try await console.call(
                "console.reset_password", Wire.ResetPasswordRequest(login: "li.wei"), session: admin)
            #expect(reset.oneTimePassword.count == 16)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: session, as: Wire.WhoAmIResponse.self)?
                    .code == .unauthenticated)
            #expect(
                await #expect(throws: RPCError.self) { _ = try await console.signIn("li.wei", "liaison password") }
                    != nil)
            let signedIn = try await console.signIn("li.wei", reset.oneTimePassword)
            #expect(signedIn.account?.mustChangePassword == true)
        }
    }

    @Test func theConsoleKeepsAnEnabledAdministrator() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let own = await console.refusal(
                "console.set_account_disabled", Wire.SetAccountDisabledRequest(login: "admin", disabled: true),
                session: admin,
                as: Wire.SetAccountDisabledResponse.self
            )
            #expect(own?.code == .failedPrecondition)
            let demoted = Wire.Account(login: "admin", name: "管理员", roles: ["bureau_desk"])
            let last = await console.refusal(
                "console.update_account", Wire.UpdateAccountRequest(account: demoted), session: admin,
                as: Wire.UpdateAccountResponse.self
            )
            #expect(last?.code == .failedPrecondition && last?.message.contains("only enabled administrator") == true)
        }
    }

    @Test func servicesAskForTheContactsOfAUnit() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            try await console.createAccount(ConsoleFixture.liaison, adminSession: admin)
            try await console.createAccount(
                Wire.Account(login: "zhao.lei", name: "赵磊", roles: ["unit_leader"], unit: "employment_office"),
                adminSession: admin
            )
            try await console.createAccount(
                Wire.Account(login: "qian.li", name: "钱丽", roles: ["liaison"], unit: "pension_office"),
                adminSession: admin)
            try await console.createAccount(
                Wire.Account(login: "sun.yu", name: "孙宇", roles: ["liaison"], unit: "employment_office"),
                adminSession: admin
            )
            let _: Wire.SetAccountDisabledResponse = try await console.call(
                "console.set_account_disabled", Wire.SetAccountDisabledRequest(login: "sun.yu", disabled: true),
                session: admin
            )
            let system = try console.intake.issue(account: "intake", displayName: "intake", roles: [.system]).token
            let response: Wire.ContactsResponse = try await console.client.call(
                "console.contacts",
                Wire.ContactsRequest(unit: "employment_office", roles: ["liaison", "deputy_leader"]),
                headers: [Header(name: Header.credential, value: system)]
            )
            #expect(response.accounts.map(\.login) == ["li.wei"])

            let withSession = await console.refusal(
                "console.contacts", Wire.ContactsRequest(unit: "employment_office", roles: ["liaison"]), session: admin,
                as: Wire.ContactsResponse.self
            )
            #expect(withSession?.code == .unauthenticated)
            let staffCredential = try console.issuer.issue(
                account: "admin", displayName: "管理员", roles: [.administrator])
            let asStaff = await #expect(throws: RPCError.self) {
                let _: Wire.ContactsResponse = try await console.client.call(
                    "console.contacts", Wire.ContactsRequest(unit: "employment_office", roles: ["liaison"]),
                    headers: [Header(name: Header.credential, value: staffCredential.token)]
                )
            }
            #expect(asStaff?.code == .permissionDenied)
        }
    }
}

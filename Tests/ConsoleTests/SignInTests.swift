import ConsoleCore
import Foundation
import RPC
import Testing
import WireProtocol

/// The first administrator, signing in, and the lockout after failed attempts.
@Suite("console sign-in")
struct SignInTests {
    @Test func theFirstAdministratorHasAOneTimePasswordAndOnlyOneIsBootstrapped() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator(login: "wang.fang", name: "王芳")
            #expect(oneTime.count == 16)
            #expect(oneTime.allSatisfy { "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".contains($0) })
            let signedIn = try await console.signIn("wang.fang", oneTime)
            #expect(signedIn.account?.roles == ["administrator"])
            #expect(signedIn.account?.mustChangePassword == true)
            #expect(signedIn.account?.createdBy == "bootstrap")

            let again = await #expect(throws: RPCError.self) {
                _ = try await console.bootstrapAdministrator(login: "zhang.san", name: "张三")
            }
            #expect(again?.code == .failedPrecondition)
            #expect(again?.message.contains("already exists") == true)
        }
    }

    @Test func bootstrapArgumentsAreCheckedBeforeAnythingIsOpened() throws {
        #expect(
            try AdministratorBootstrap.parse(["--login", "admin", "--name", "管理员"])
                == .init(login: "admin", name: "管理员"))
        #expect(
            try AdministratorBootstrap.parse(["--name", "N", "--email", "a@rsj.example.cn", "--login", "x"])
                == .init(login: "x", name: "N", email: "a@rsj.example.cn")
        )
        #expect(throws: AdministratorBootstrap.UsageError.self) {
            try AdministratorBootstrap.parse(["--login", "admin"])
        }
        #expect(throws: AdministratorBootstrap.UsageError.self) {
            try AdministratorBootstrap.parse(["--login", "a", "--name"])
        }
        #expect(throws: AdministratorBootstrap.UsageError.self) {
            try AdministratorBootstrap.parse(["--login", "a", "--name", "b", "--password", "x"])
        }
    }

    @Test func aBootstrapWithAnInvalidLoginIsRefusedWithTheField() async throws {
        try await ConsoleFixture.with { console in
            let error = await #expect(throws: RPCError.self) {
                _ = try await console.bootstrapAdministrator(login: "Wang Fang", name: "")
            }
            #expect(error?.fieldViolations.map(\.field) == ["account.login", "account.name"])
        }
    }

    @Test func theRightPasswordOpensASession() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let response = try await console.signIn("admin", oneTime, client: "subanctl")
            #expect(response.sessionToken.count == 43)
            let session = try #require(response.session)
            #expect(session.current && session.client == "subanctl" && session.login == "admin")
            let now = Int64(console.clock.now.timeIntervalSince1970 * 1000)
            #expect(session.createdUnixMs == now)
            #expect(session.idleExpiresUnixMs == now + 1_800_000)
            #expect(session.expiresUnixMs == now + 43_200_000)
            #expect(response.account?.lastSignInUnixMs == now)
        }
    }

    @Test func aWrongPasswordAndAnUnknownLoginAnswerAlike() async throws {
        try await ConsoleFixture.with { console in
            _ = try await console.bootstrapAdministrator()
            let wrongPassword = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("admin", "not the password")
            }
            let unknownLogin = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("nobody", "not the password")
            }
            #expect(wrongPassword?.code == .unauthenticated)
            #expect(wrongPassword == unknownLogin)
            #expect(wrongPassword?.message == "wrong login or password")
        }
    }

    @Test func fiveFailuresLockTheAccountUntilTheLockoutEnds() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            for _ in 1...4 {
                let error = await #expect(throws: RPCError.self) {
                    _ = try await console.signIn("admin", "wrong password!")
                }
                #expect(error?.message == "wrong login or password")
            }
            let fifth = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("admin", "wrong password!")
            }
            #expect(fifth?.code == .unauthenticated)
            // 09:00 Beijing time plus 15 minutes.
            #expect(fifth?.message.contains("locked") == true && fifth?.message.contains("until 09:15") == true)

            // Locked: even the right password is refused, and nothing is checked or counted.
            console.clock.advance(seconds: 14 * 60)
            let locked = await #expect(throws: RPCError.self) { _ = try await console.signIn("admin", oneTime) }
            #expect(locked?.message.contains("until 09:15") == true)

            console.clock.advance(seconds: 60)
            let response = try await console.signIn("admin", oneTime)
            #expect(!response.sessionToken.isEmpty)

            let kinds = try await console.events(
                login: "admin", adminSession: await Self.changedPassword(console, oneTime)
            ).map(\.kind)
            #expect(kinds.filter { $0 == "sign_in_failed" }.count == 6)
            #expect(kinds.filter { $0 == "locked" }.count == 1)
        }
    }

    @Test func aSuccessStartsTheCountOfFailuresOver() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            for _ in 1...4 {
                _ = await console.refusal(
                    "console.sign_in", Wire.SignInRequest(login: "admin", password: "wrong password!"), session: nil,
                    as: Wire.SignInResponse.self)
            }
            _ = try await console.signIn("admin", oneTime)
            for _ in 1...4 {
                let error = await #expect(throws: RPCError.self) {
                    _ = try await console.signIn("admin", "wrong password!")
                }
                #expect(error?.message == "wrong login or password")
            }
        }
    }

    @Test func theLockoutIsConfigurable() async throws {
        let configuration = ConsoleConfiguration(bcryptCost: 4, lockoutAfter: 2, lockoutSeconds: 60)
        try await ConsoleFixture.with(configuration: configuration) { console in
            let oneTime = try await console.bootstrapAdministrator()
            _ = await console.refusal(
                "console.sign_in", Wire.SignInRequest(login: "admin", password: "wrong password!"), session: nil,
                as: Wire.SignInResponse.self)
            let second = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("admin", "wrong password!")
            }
            #expect(second?.message.contains("until 09:01") == true)
            console.clock.advance(seconds: 60)
            _ = try await console.signIn("admin", oneTime)
        }
    }

    @Test func aDisabledAccountCannotSignIn() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let oneTime = try await console.createAccount(ConsoleFixture.liaison, adminSession: admin)
            let _: Wire.SetAccountDisabledResponse = try await console.call(
                "console.set_account_disabled",
                Wire.SetAccountDisabledRequest(login: "li.wei", disabled: true, reason: "left the bureau"),
                session: admin
            )
            let refused = await #expect(throws: RPCError.self) { _ = try await console.signIn("li.wei", oneTime) }
            #expect(refused?.code == .unauthenticated && refused?.message.contains("disabled") == true)
            // Without the password, a disabled account looks like any other wrong guess.
            let guessed = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("li.wei", "a wrong guess!")
            }
            #expect(guessed?.message == "wrong login or password")
        }
    }

    @Test func aPasswordLongerThanBcryptReadsIsRefusedClearly() async throws {
        try await ConsoleFixture.with { console in
            _ = try await console.bootstrapAdministrator()
            let error = await #expect(throws: RPCError.self) {
                _ = try await console.signIn("admin", String(repeating: "密", count: 25))
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("at most 72 bytes") == true)
        }
    }

    /// Changes the administrator's one-time password and returns the session.
    static func changedPassword(_ console: ConsoleFixture, _ oneTime: String) async throws -> String {
        let token = try await console.signIn("admin", oneTime).sessionToken
        let _: Wire.ChangePasswordResponse = try await console.call(
            "console.change_password",
            Wire.ChangePasswordRequest(currentPassword: oneTime, newPassword: "a new password 1"),
            session: token
        )
        return token
    }
}

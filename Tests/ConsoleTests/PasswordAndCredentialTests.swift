import Domain
import Foundation
import Identity
import RPC
import Testing
import WireProtocol

/// Changing one's password, and the credentials a session is given for the other services.
@Suite("console passwords and credentials")
struct PasswordAndCredentialTests {
    static func change(_ console: ConsoleFixture, _ session: String, from current: String, to new: String) async
        -> RPCError?
    {
        await console.refusal(
            "console.change_password", Wire.ChangePasswordRequest(currentPassword: current, newPassword: new),
            session: session,
            as: Wire.ChangePasswordResponse.self
        )
    }

    @Test func aNewPasswordMustFollowTheRules() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let session = try await console.signIn("admin", oneTime).sessionToken
            let cases: [(String, String)] = [
                ("short pass", "too_short"),
                (String(repeating: "x", count: 73), "too_long"),
                ("twelve chars\u{1B}!", "invalid"),
                (oneTime, "unchanged"),
                ("", "required"),
            ]
            for (password, code) in cases {
                let error = await Self.change(console, session, from: oneTime, to: password)
                #expect(error?.code == .invalidArgument)
                #expect(error?.fieldViolations.map(\.code) == [code], "\(code)")
            }
            let wrong = await Self.change(console, session, from: "not the current one", to: "a good new password")
            #expect(wrong?.code == .permissionDenied && wrong?.fieldViolations.first?.field == "current_password")
            // Nothing changed: the one-time password still signs in.
            _ = try await console.signIn("admin", oneTime)
        }
    }

    @Test func changingThePasswordEndsTheOtherSessionsAndTheOneTimePassword() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let other = try await console.signIn("admin", oneTime).sessionToken
            let current = try await console.signIn("admin", oneTime).sessionToken
            #expect(await Self.change(console, current, from: oneTime, to: "十二个字符的新密码很好记") == nil)

            let whoAmI: Wire.WhoAmIResponse = try await console.call(
                "console.whoami", Wire.WhoAmIRequest(), session: current)
            #expect(whoAmI.account?.mustChangePassword == false)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: other, as: Wire.WhoAmIResponse.self)?.code
                    == .unauthenticated)
            let old = await #expect(throws: RPCError.self) { _ = try await console.signIn("admin", oneTime) }
            #expect(old?.message == "wrong login or password")
            _ = try await console.signIn("admin", "十二个字符的新密码很好记")
        }
    }

    @Test func wrongCurrentPasswordsLockTheAccountAndEndItsSessions() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let session = try await console.signIn("admin", oneTime).sessionToken
            for _ in 1...4 {
                #expect(
                    await Self.change(console, session, from: "a wrong guess!", to: "a good new password")?.code
                        == .permissionDenied)
            }
            let fifth = await Self.change(console, session, from: "a wrong guess!", to: "a good new password")
            #expect(fifth?.code == .unauthenticated && fifth?.message.contains("locked") == true)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: session, as: Wire.WhoAmIResponse.self)?
                    .code == .unauthenticated)
        }
    }

    @Test func aCredentialIsRefusedUntilTheOneTimePasswordIsChanged() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let session = try await console.signIn("admin", oneTime).sessionToken
            let refused = await console.refusal(
                "console.issue_credential", Wire.IssueCredentialRequest(), session: session,
                as: Wire.IssueCredentialResponse.self
            )
            #expect(refused?.code == .failedPrecondition && refused?.message.contains("subanctl passwd") == true)
        }
    }

    @Test func aCredentialNamesTheAccountAndVerifiesUnderTheConsolesKey() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let liaison = try await console.staffSession(
                ConsoleFixture.liaison, password: "liaison password", adminSession: admin)
            let response: Wire.IssueCredentialResponse = try await console.call(
                "console.issue_credential", Wire.IssueCredentialRequest(), session: liaison)
            let credential = try console.verifier.verify(response.token, now: console.clock.now)
            #expect(credential.issuer == "console")
            #expect(credential.account == "li.wei" && credential.displayName == "李伟")
            #expect(credential.roles == [.liaison] && credential.unit == "employment_office")
            #expect(credential.expiresAtMilliseconds - credential.issuedAtMilliseconds == 300_000)
            #expect(response.expiresUnixMs == credential.expiresAtMilliseconds)

            let administrator: Wire.IssueCredentialResponse = try await console.call(
                "console.issue_credential", Wire.IssueCredentialRequest(), session: admin)
            let adminCredential = try console.verifier.verify(administrator.token, now: console.clock.now)
            #expect(adminCredential.unit == nil && adminCredential.roles == [.administrator])
            #expect(throws: IdentityError.self) {
                _ = try console.verifier.verify(response.token, now: console.clock.now.addingTimeInterval(331))
            }
        }
    }
}

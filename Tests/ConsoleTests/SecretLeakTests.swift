import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

/// No password, session token, credential or stored hash reaches a log line, an error, or any
/// answer but the one meant to carry it.
@Suite("console secrets")
struct SecretLeakTests {
    /// Every answer and refusal of a session, each with the secrets it is meant to carry.
    final class Transcript: @unchecked Sendable {
        // Only the test's own task appends; @unchecked because it is never shared between tasks.
        var answers: [(text: String, carries: Set<String>)] = []
        var secrets: Set<String> = []

        @discardableResult
        func answer<Response>(_ response: Response, carrying carried: [String] = []) -> Response {
            answers.append((String(reflecting: response), Set(carried)))
            secrets.formUnion(carried)
            return response
        }

        func refusal(_ error: RPCError?) {
            answers.append((error.map { String(reflecting: $0) } ?? "no error", []))
        }
    }

    @Test func noSecretIsLoggedOrAnsweredWhereItDoesNotBelong() async throws {
        try await ConsoleFixture.with { console in
            let transcript = Transcript()
            let adminOneTime = try await console.bootstrapAdministrator()
            transcript.secrets.insert(adminOneTime)
            let first = try await console.signIn("admin", adminOneTime)
            let admin = transcript.answer(first, carrying: [first.sessionToken]).sessionToken
            let adminPassword = "the administrator's own password"
            transcript.secrets.insert(adminPassword)
            transcript.answer(
                try await console.call(
                    "console.change_password",
                    Wire.ChangePasswordRequest(currentPassword: adminOneTime, newPassword: adminPassword),
                    session: admin,
                    as: Wire.ChangePasswordResponse.self
                )
            )
            let created: Wire.CreateAccountResponse = try await console.call(
                "console.create_account", Wire.CreateAccountRequest(account: ConsoleFixture.liaison), session: admin
            )
            transcript.answer(created, carrying: [created.oneTimePassword])
            let liaisonSignIn = try await console.signIn("li.wei", created.oneTimePassword)
            let liaison = transcript.answer(liaisonSignIn, carrying: [liaisonSignIn.sessionToken]).sessionToken
            let liaisonPassword = "the liaison's own password"
            transcript.secrets.insert(liaisonPassword)
            transcript.refusal(
                await console.refusal(
                    "console.issue_credential", Wire.IssueCredentialRequest(), session: liaison,
                    as: Wire.IssueCredentialResponse.self
                )
            )
            transcript.answer(
                try await console.call(
                    "console.change_password",
                    Wire.ChangePasswordRequest(currentPassword: created.oneTimePassword, newPassword: liaisonPassword),
                    session: liaison, as: Wire.ChangePasswordResponse.self
                )
            )
            let credential: Wire.IssueCredentialResponse = try await console.call(
                "console.issue_credential", Wire.IssueCredentialRequest(), session: liaison)
            transcript.answer(credential, carrying: [credential.token])

            // Wrong guesses, among them a password typed into the login field.
            let typedAsLogin = "pa55word typed as login"
            transcript.secrets.insert(typedAsLogin)
            transcript.refusal(
                await console.refusal(
                    "console.sign_in", Wire.SignInRequest(login: typedAsLogin, password: liaisonPassword), session: nil,
                    as: Wire.SignInResponse.self))
            for _ in 1...5 {
                transcript.refusal(
                    await console.refusal(
                        "console.sign_in", Wire.SignInRequest(login: "li.wei", password: adminPassword), session: nil,
                        as: Wire.SignInResponse.self)
                )
            }
            transcript.refusal(
                await console.refusal(
                    "console.change_password",
                    Wire.ChangePasswordRequest(currentPassword: adminOneTime, newPassword: adminPassword + "!"),
                    session: admin, as: Wire.ChangePasswordResponse.self
                )
            )
            let reset: Wire.ResetPasswordResponse = try await console.call(
                "console.reset_password", Wire.ResetPasswordRequest(login: "li.wei"), session: admin)
            transcript.answer(reset, carrying: [reset.oneTimePassword])
            transcript.answer(
                try await console.call(
                    "console.whoami", Wire.WhoAmIRequest(), session: admin, as: Wire.WhoAmIResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_sessions", Wire.ListSessionsRequest(login: "li.wei"), session: admin,
                    as: Wire.ListSessionsResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_accounts", Wire.ListAccountsRequest(includeDisabled: true), session: admin,
                    as: Wire.ListAccountsResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_account_events", Wire.ListAccountEventsRequest(), session: admin,
                    as: Wire.ListAccountEventsResponse.self))
            transcript.refusal(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: liaison, as: Wire.WhoAmIResponse.self))
            transcript.answer(
                try await console.call(
                    "console.sign_out", Wire.SignOutRequest(), session: admin, as: Wire.SignOutResponse.self))
            transcript.refusal(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: admin, as: Wire.WhoAmIResponse.self))
            transcript.secrets.formUnion(try await console.storedSecrets())

            let log = console.log.lines
            #expect(log.contains { $0.contains("console.signed_in") && $0.contains("li.wei") }, "the log is captured")
            #expect(transcript.secrets.count >= 13)
            for secret in transcript.secrets {
                #expect(!log.contains { $0.contains(secret) }, "a secret is in the log")
                for answer in transcript.answers where !answer.carries.contains(secret) {
                    #expect(!answer.text.contains(secret), "a secret is in an answer not meant to carry it")
                }
            }
            // And every answer meant to carry a secret does.
            for answer in transcript.answers {
                for secret in answer.carries { #expect(answer.text.contains(secret)) }
            }
        }
    }
}

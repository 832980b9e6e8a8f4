import Foundation
import RPC
import Testing
import TestSupport
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
                    ChangePasswordRequest(currentPassword: adminOneTime, newPassword: adminPassword), session: admin,
                    as: ChangePasswordResponse.self
                )
            )
            let created: CreateAccountResponse = try await console.call(
                "console.create_account", CreateAccountRequest(account: ConsoleFixture.liaison), session: admin
            )
            transcript.answer(created, carrying: [created.oneTimePassword])
            let liaisonSignIn = try await console.signIn("li.wei", created.oneTimePassword)
            let liaison = transcript.answer(liaisonSignIn, carrying: [liaisonSignIn.sessionToken]).sessionToken
            let liaisonPassword = "the liaison's own password"
            transcript.secrets.insert(liaisonPassword)
            transcript.refusal(
                await console.refusal(
                    "console.issue_credential", IssueCredentialRequest(), session: liaison,
                    as: IssueCredentialResponse.self
                )
            )
            transcript.answer(
                try await console.call(
                    "console.change_password",
                    ChangePasswordRequest(currentPassword: created.oneTimePassword, newPassword: liaisonPassword),
                    session: liaison, as: ChangePasswordResponse.self
                )
            )
            let credential: IssueCredentialResponse = try await console.call(
                "console.issue_credential", IssueCredentialRequest(), session: liaison)
            transcript.answer(credential, carrying: [credential.token])

            // Wrong guesses, among them a password typed into the login field.
            let typedAsLogin = "pa55word typed as login"
            transcript.secrets.insert(typedAsLogin)
            transcript.refusal(
                await console.refusal(
                    "console.sign_in", SignInRequest(login: typedAsLogin, password: liaisonPassword), session: nil,
                    as: SignInResponse.self))
            for _ in 1...5 {
                transcript.refusal(
                    await console.refusal(
                        "console.sign_in", SignInRequest(login: "li.wei", password: adminPassword), session: nil,
                        as: SignInResponse.self)
                )
            }
            transcript.refusal(
                await console.refusal(
                    "console.change_password",
                    ChangePasswordRequest(currentPassword: adminOneTime, newPassword: adminPassword + "!"),
                    session: admin, as: ChangePasswordResponse.self
                )
            )
            let reset: ResetPasswordResponse = try await console.call(
                "console.reset_password", ResetPasswordRequest(login: "li.wei"), session: admin)
            transcript.answer(reset, carrying: [reset.oneTimePassword])
            transcript.answer(
                try await console.call("console.whoami", WhoAmIRequest(), session: admin, as: WhoAmIResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_sessions", ListSessionsRequest(login: "li.wei"), session: admin,
                    as: ListSessionsResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_accounts", ListAccountsRequest(includeDisabled: true), session: admin,
                    as: ListAccountsResponse.self))
            transcript.answer(
                try await console.call(
                    "console.list_account_events", ListAccountEventsRequest(), session: admin,
                    as: ListAccountEventsResponse.self))
            transcript.refusal(
                await console.refusal("console.whoami", WhoAmIRequest(), session: liaison, as: WhoAmIResponse.self))
            transcript.answer(
                try await console.call("console.sign_out", SignOutRequest(), session: admin, as: SignOutResponse.self))
            transcript.refusal(
                await console.refusal("console.whoami", WhoAmIRequest(), session: admin, as: WhoAmIResponse.self))
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

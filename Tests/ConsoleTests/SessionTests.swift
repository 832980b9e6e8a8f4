import Foundation
import RPC
import Testing
import WireProtocol

/// Sessions: the header that carries them, their idle and absolute limits, signing out and revoking.
@Suite("console sessions")
struct SessionTests {
    static func whoAmI(_ console: ConsoleFixture, _ session: String?) async throws(RPCError) -> Wire.WhoAmIResponse {
        try await console.call("console.whoami", Wire.WhoAmIRequest(), session: session)
    }

    @Test func everyMethodButSignInNeedsASession() async throws {
        try await ConsoleFixture.with { console in
            _ = try await console.bootstrapAdministrator()
            let missing = await console.refusal(
                "console.whoami", Wire.WhoAmIRequest(), session: nil, as: Wire.WhoAmIResponse.self)
            #expect(missing?.code == .unauthenticated && missing?.message.contains("subanctl login") == true)
            let unknown = await console.refusal(
                "console.whoami", Wire.WhoAmIRequest(), session: "made-up-token", as: Wire.WhoAmIResponse.self)
            #expect(unknown?.code == .unauthenticated)
            let admin = await console.refusal(
                "console.list_accounts", Wire.ListAccountsRequest(), session: nil, as: Wire.ListAccountsResponse.self
            )
            #expect(admin?.code == .unauthenticated)
        }
    }

    @Test func useSlidesTheIdleLimit() async throws {
        try await ConsoleFixture.with { console in
            let token = try await console.signIn("admin", try await console.bootstrapAdministrator()).sessionToken
            for _ in 1...3 {
                console.clock.advance(seconds: 29 * 60)
                let session = try #require(try await Self.whoAmI(console, token).session)
                let now = Int64(console.clock.now.timeIntervalSince1970 * 1000)
                #expect(session.lastSeenUnixMs == now && session.idleExpiresUnixMs == now + 1_800_000)
            }
            console.clock.advance(seconds: 30 * 60)
            let expired = await #expect(throws: RPCError.self) { _ = try await Self.whoAmI(console, token) }
            #expect(expired?.code == .unauthenticated)
            #expect(expired?.message.contains("idle for more than 30 minutes") == true)
        }
    }

    @Test func aSessionEndsAtItsAbsoluteLimitHoweverUsed() async throws {
        try await ConsoleFixture.with { console in
            let token = try await console.signIn("admin", try await console.bootstrapAdministrator()).sessionToken
            for _ in 1..<(12 * 3) {
                console.clock.advance(seconds: 20 * 60)
                _ = try await Self.whoAmI(console, token)
            }
            console.clock.advance(seconds: 20 * 60)
            let expired = await #expect(throws: RPCError.self) { _ = try await Self.whoAmI(console, token) }
            #expect(expired?.message.contains("limit of 12 hours") == true)
        }
    }

    @Test func signingOutEndsOnlyThatSession() async throws {
        try await ConsoleFixture.with { console in
            let oneTime = try await console.bootstrapAdministrator()
            let first = try await console.signIn("admin", oneTime).sessionToken
            let second = try await console.signIn("admin", oneTime).sessionToken
            let _: Wire.SignOutResponse = try await console.call(
                "console.sign_out", Wire.SignOutRequest(), session: first)
            let ended = await #expect(throws: RPCError.self) { _ = try await Self.whoAmI(console, first) }
            #expect(ended?.code == .unauthenticated)
            _ = try await Self.whoAmI(console, second)
        }
    }

    @Test func oneRevokesOnesOwnSessionsAndAnAdministratorAnyones() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            let phone = try await console.staffSession(
                ConsoleFixture.liaison, password: "liaison password", adminSession: admin)
            let laptop = try await console.signIn("li.wei", "liaison password", client: "laptop").sessionToken

            let own: Wire.ListSessionsResponse = try await console.call(
                "console.list_sessions", Wire.ListSessionsRequest(), session: phone)
            #expect(own.sessions.count == 2)
            #expect(own.sessions.filter(\.current).count == 1)
            let laptopID = try #require(own.sessions.first { $0.client == "laptop" }?.id)
            #expect(!own.sessions.contains { $0.id.isEmpty || $0.id == phone || $0.id == laptop })

            // Another account's sessions are not the liaison's to see or end.
            let adminSessions: Wire.ListSessionsResponse = try await console.call(
                "console.list_sessions", Wire.ListSessionsRequest(), session: admin)
            let adminID = try #require(adminSessions.sessions.first?.id)
            let foreign = await console.refusal(
                "console.revoke_session", Wire.RevokeSessionRequest(id: adminID), session: phone,
                as: Wire.RevokeSessionResponse.self
            )
            #expect(foreign?.code == .notFound)
            let peek = await console.refusal(
                "console.list_sessions", Wire.ListSessionsRequest(login: "admin"), session: phone,
                as: Wire.ListSessionsResponse.self
            )
            #expect(peek?.code == .permissionDenied)

            let _: Wire.RevokeSessionResponse = try await console.call(
                "console.revoke_session", Wire.RevokeSessionRequest(id: laptopID), session: phone)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: laptop, as: Wire.WhoAmIResponse.self)?.code
                    == .unauthenticated)
            _ = try await Self.whoAmI(console, phone)

            let theirs: Wire.ListSessionsResponse = try await console.call(
                "console.list_sessions", Wire.ListSessionsRequest(login: "li.wei"), session: admin)
            let phoneID = try #require(theirs.sessions.first?.id)
            #expect(theirs.sessions.count == 1 && !theirs.sessions[0].current)
            let _: Wire.RevokeSessionResponse = try await console.call(
                "console.revoke_session", Wire.RevokeSessionRequest(id: phoneID), session: admin)
            #expect(
                await console.refusal(
                    "console.whoami", Wire.WhoAmIRequest(), session: phone, as: Wire.WhoAmIResponse.self)?.code
                    == .unauthenticated)

            let events = try await console.events(login: "li.wei", adminSession: admin)
            #expect(events.first?.kind == "session_revoked" && events.first?.by == "admin")
            #expect(
                events.contains {
                    $0.kind == "session_revoked" && $0.by == "li.wei" && $0.detail == "session \(laptopID)"
                })
        }
    }
}

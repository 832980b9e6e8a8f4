import Crypto
import Domain
import Foundation
import Identity
import Testing

@Suite struct CredentialTests {
    typealias F = IdentityFixtures

    @Test func issuedCredentialVerifiesToTheSameClaims() throws {
        let (credential, token) = try F.liaison()
        let verified = try F.verifier.verify(token, now: F.now)
        #expect(verified == credential)
        #expect(verified.issuer == "console")
        #expect(verified.account == "wang.fang")
        #expect(verified.displayName == "王芳")
        #expect(verified.roles == [.liaison])
        #expect(verified.unit == "pension_insurance")
        #expect(verified.issuedAt == F.now)
        #expect(verified.expiresAtMilliseconds - verified.issuedAtMilliseconds == 300_000)
        #expect(verified.id.count == 22)
    }

    @Test func everyIssuerIsAcceptedForItsOwnRoles() throws {
        let platform = try F.gateway.issue(
            account: "platform-12345", displayName: "12345 平台", roles: [.platform], now: F.now)
        #expect(try F.verifier.verify(platform.token, now: F.now).roles == [.platform])
        let system = try F.intake.issue(
            account: "intake", displayName: "intake scheduler", roles: [.system], now: F.now)
        #expect(try F.verifier.verify(system.token, now: F.now).unit == nil)
        let leader = try F.console.issue(
            account: "li.lei",
            displayName: "李雷",
            roles: [.unitLeader, .deputyLeader],
            unit: "labour_inspection",
            now: F.now
        )
        #expect(try F.verifier.verify(leader.token, now: F.now).roles == [.unitLeader, .deputyLeader])
    }

    @Test func wireFormIsVersionClaimsAndSignature() throws {
        let (_, token) = try F.liaison()
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts[0] == "v1")
        #expect(parts[2].count == 86)  // 64 bytes, unpadded
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let json = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        #expect(json.hasPrefix(#"{"account":"wang.fang","expires_at":1767225900000,"id":""#))
        #expect(
            json.hasSuffix(
                #"","issued_at":1767225600000,"issuer":"console","name":"王芳","roles":["liaison"],"unit":"pension_insurance"}"#
            ))
    }

    @Test func sameCredentialSignsToTheSameToken() throws {
        let credential = Credential(
            issuer: "console",
            account: "wang.fang",
            displayName: "王芳",
            roles: [.taskForce, .liaison, .bureauDesk],
            unit: nil,
            issuedAtMilliseconds: 1_767_225_600_000,
            expiresAtMilliseconds: 1_767_225_900_000,
            id: "AAAAAAAAAAAAAAAAAAAAAA"
        )
        let first = try F.console.sign(credential)
        let second = try F.console.sign(credential)
        #expect(first.split(separator: ".")[1] == second.split(separator: ".")[1])
        #if os(Linux)
            #expect(first == second)  // BoringSSL's Ed25519 is deterministic; CryptoKit's is not
        #endif
        #expect(try F.verifier.verify(first, now: F.now) == credential)
        // Roles listed sorted, no unit key at all.
        #expect(
            F.token(claims: F.claims(["roles": ["bureau_desk", "liaison", "task_force"], "unit": nil])).split(
                separator: ".")[1]
                == first.split(separator: ".")[1])
    }

    @Test func lifetimeIsBoundedAtIssue() throws {
        #expect(throws: IdentityError.self) { try F.liaison(lifetime: .seconds(12 * 3600 + 1)) }
        #expect(throws: IdentityError.self) { try F.liaison(lifetime: .zero) }
        let longest = try F.liaison(lifetime: .seconds(12 * 3600))
        #expect(try F.verifier.verify(longest.token, now: F.now.addingTimeInterval(11 * 3600)) == longest.credential)
    }

    @Test func issuerRefusesClaimsNoVerifierWouldAccept() {
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "", displayName: "x", roles: [.liaison], now: F.now)
        }
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "a b", displayName: "x", roles: [.liaison], now: F.now)
        }
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "a", displayName: "", roles: [.liaison], now: F.now)
        }
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "a", displayName: "evil\u{202E}name", roles: [.liaison], now: F.now)
        }
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "a", displayName: "x", roles: [], now: F.now)
        }
        #expect(throws: IdentityError.self) {
            try F.console.issue(account: "a", displayName: "x", roles: [.liaison], unit: "单位", now: F.now)
        }
        #expect(throws: IdentityError.self) { try CredentialIssuer(id: "con sole", privateKey: F.consoleKey) }
    }

    @Test func clockSkewIsAllowedBothWays() throws {
        let (credential, token) = try F.liaison()
        #expect(try F.verifier.verify(token, now: F.now.addingTimeInterval(-30)) == credential)
        #expect(try F.verifier.verify(token, now: F.now.addingTimeInterval(300 + 29.999)) == credential)
        let strict = CredentialVerifier(trustedIssuers: F.trust, clockSkew: .zero)
        #expect(F.refusal(token, now: F.now.addingTimeInterval(-0.001), verifier: strict) == .notYetValid)
        #expect(F.refusal(token, now: F.now.addingTimeInterval(300), verifier: strict) == .expired)
        #expect(try strict.verify(token, now: F.now.addingTimeInterval(299.999)) == credential)
    }

    @Test func errorsSayWhetherThePermissionOrTheCallerIsAtFault() {
        #expect(IdentityError(.roleNotAllowed, "").isPermissionDenied)
        for code in [IdentityError.Code.malformed, .unknownIssuer, .badSignature, .expired, .notYetValid] {
            #expect(!IdentityError(code, "").isPermissionDenied)
        }
        #expect("\(IdentityError(.notYetValid, "soon"))" == "not_yet_valid: soon")
    }
}

import Crypto
import Domain
import Foundation
import Identity
import TestSupport
import Testing

/// Every way a credential is refused, and that a refusal says why.
@Suite struct CredentialRefusalTests {
    typealias F = IdentityFixtures

    @Test func tamperedClaimsAreABadSignature() throws {
        let (_, token) = try F.liaison()
        let parts = token.split(separator: ".").map(String.init)
        // The console's own claims with a role swapped in, under the liaison's signature.
        let forged = F.token(claims: F.claims(["roles": ["bureau_desk"]])).split(separator: ".")[1]
        let error = try #require(throws: IdentityError.self) {
            try F.verifier.verify("v1.\(forged).\(parts[2])", now: F.now)
        }
        #expect(error.code == .badSignature)
        #expect(error.message.contains("console"))
    }

    @Test func tamperedSignatureIsABadSignature() throws {
        let (_, token) = try F.liaison()
        var parts = token.split(separator: ".").map(String.init)
        var signature = Array(parts[2].utf8)
        signature[10] = signature[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        parts[2] = String(decoding: signature, as: UTF8.self)
        #expect(F.refusal(parts.joined(separator: ".")) == .badSignature)
    }

    @Test func aStrangersKeyUnderATrustedNameIsABadSignature() {
        #expect(F.refusal(F.token(claims: F.claims(), signedBy: F.strangerKey)) == .badSignature)
        // The gateway's key speaking as the console.
        #expect(F.refusal(F.token(claims: F.claims(), signedBy: F.gatewayKey)) == .badSignature)
    }

    @Test func anUntrustedIssuerIsUnknown() throws {
        let stranger = try CredentialIssuer(id: "stranger", privateKey: F.strangerKey)
        let (_, token) = try stranger.issue(account: "eve", displayName: "Eve", roles: [.administrator], now: F.now)
        let error = try #require(throws: IdentityError.self) { try F.verifier.verify(token, now: F.now) }
        #expect(error.code == .unknownIssuer)
        #expect(error.message == "issuer \"stranger\" is not trusted here")
    }

    @Test func expiredIsRefusedAfterTheSkew() throws {
        let (credential, token) = try F.liaison()
        let error = try #require(throws: IdentityError.self) {
            try F.verifier.verify(token, now: F.now.addingTimeInterval(330))
        }
        #expect(error.code == .expired)
        #expect(error.message == "credential \(credential.id) expired 30000 ms ago")
        // Replayed long after: still refused, whatever else is right about it.
        #expect(F.refusal(token, now: F.now.addingTimeInterval(86_400 * 365)) == .expired)
    }

    @Test func issuedInTheFutureBeyondTheSkewIsNotYetValid() throws {
        let (_, token) = try F.liaison(at: F.now.addingTimeInterval(31))
        let error = try #require(throws: IdentityError.self) { try F.verifier.verify(token, now: F.now) }
        #expect(error.code == .notYetValid)
        #expect(error.message.hasSuffix("is issued 31000 ms in the future"))
    }

    @Test(arguments: [
        ("console", Role.platform), ("console", .system), ("gateway", .liaison), ("gateway", .system),
        ("intake", .administrator), ("intake", .platform),
    ])
    func aRoleTheIssuerMayNotAssertIsRefused(issuerID: String, role: Role) throws {
        let key = [("console", F.consoleKey), ("gateway", F.gatewayKey), ("intake", F.intakeKey)].first {
            $0.0 == issuerID
        }!.1
        let issuer = try CredentialIssuer(id: issuerID, privateKey: key)
        let (_, token) = try issuer.issue(account: "someone", displayName: "someone", roles: [role], now: F.now)
        let error = try #require(throws: IdentityError.self) { try F.verifier.verify(token, now: F.now) }
        #expect(error.code == .roleNotAllowed)
        #expect(error.isPermissionDenied)
        #expect(error.message == "issuer \(issuerID) may not assert role \(role)")
    }

    @Test func oneRoleOutOfScopeSpoilsTheWholeCredential() throws {
        let (_, token) = try F.console.issue(account: "a", displayName: "a", roles: [.liaison, .system], now: F.now)
        #expect(F.refusal(token) == .roleNotAllowed)
    }

    @Test func oversizedIsRefusedBeforeParsing() throws {
        let (_, token) = try F.liaison()
        let error = try #require(throws: IdentityError.self) {
            try F.verifier.verify(token + String(repeating: "A", count: 4097 - token.utf8.count), now: F.now)
        }
        #expect(error.code == .malformed)
        #expect(error.message == "credential is longer than 4096 bytes")
        // A correctly signed credential over the limit: refused for its size, not accepted.
        let big = F.token(claims: F.claims(["name": String(repeating: "名", count: 1200)]))
        #expect(big.utf8.count > 4096)
        let bigError = try #require(throws: IdentityError.self) { try F.verifier.verify(big, now: F.now) }
        #expect(bigError.message == "credential is longer than 4096 bytes")
    }

    @Test(arguments: [
        "", "garbage", "v1", "v1..", "v1.e30.", "...", "v1.!!!.AAAA", "v1.e30.e30.e30", "Bearer v1.a.b",
        "v1.eyJhIjoxfQ.\(String(repeating: "A", count: 86))",
    ])
    func garbageIsMalformed(token: String) {
        #expect(F.refusal(token) == .malformed)
    }

    @Test(arguments: ["v2", "V1", "v0", "v1 ", "v11", "1"])
    func anotherVersionIsMalformed(version: String) throws {
        let (_, token) = try F.liaison()
        let error = try #require(throws: IdentityError.self) {
            try F.verifier.verify(version + token.dropFirst(2), now: F.now)
        }
        #expect(error.code == .malformed)
    }

    @Test func paddedOrStandardBase64IsMalformed() throws {
        let (_, token) = try F.liaison()
        #expect(F.refusal(token + "==") == .malformed)
        let parts = token.split(separator: ".").map(String.init)
        let standard = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if standard != parts[2] { #expect(F.refusal("v1.\(parts[1]).\(standard)") == .malformed) }
    }

    /// Claims that a trusted issuer did sign, but that no credential may carry.
    @Test(
        arguments: [
            ["roles": ["liaison", "overlord"]], ["roles": [String]()], ["roles": ["liaison", "liaison"]],
            ["roles": "liaison"],
            ["account": nil], ["account": ""], ["name": "\u{7}"], ["issued_at": "1767225600000"], ["issued_at": 1.5],
            ["expires_at": 1_767_225_600_000], ["expires_at": 1_767_225_600_000 + 12 * 3_600_000 + 1], ["unit": 5],
            ["issued_at": -1], ["issued_at": Int64.max - 1, "expires_at": Int64.max], ["expires_at": Int64.min],
            ["alg": "none"], ["extra": true],
        ] as [[String: (any Sendable)?]])
    func signedButMalformedClaimsAreRefused(changes: [String: (any Sendable)?]) {
        #expect(F.refusal(F.token(claims: F.claims(changes))) == .malformed)
    }

    @Test func claimsThatAreNotAnObjectAreMalformed() throws {
        for claims in ["[]", "null", "{", "\"v1\"", "{\"issuer\":\"console\"}"] {
            #expect(F.refusal(F.token(claims: claims)) == .malformed, "\(claims)")
        }
        let error = try #require(throws: IdentityError.self) {
            try F.verifier.verify(F.token(claims: "[]"), now: F.now)
        }
        #expect(error.message == "claims are not a v1 claims object: not a JSON object")
    }

    /// Any single byte changed anywhere in a token, to any other value, is refused.
    @Test func everySingleByteChangeIsRefused() throws {
        let token = try F.fixedLiaisonToken()
        #expect(F.refusal(token) == nil)
        let bytes = Array(token.utf8)
        var random = SeededRandom(seed: 13)
        var codes: [String: Int] = [:]
        for position in bytes.indices {
            for _ in 0..<12 {
                var changed = bytes
                changed[position] = UInt8(truncatingIfNeeded: Int(bytes[position]) + random.int(1...255))
                let code = try #require(
                    F.refusal(String(decoding: changed, as: UTF8.self)), "byte \(position) → \(changed[position])")
                codes["\(code)", default: 0] += 1
            }
            // The neighbours in the base64url alphabet are the likeliest to slip through.
            for neighbour in [bytes[position] &+ 1, bytes[position] &- 1] {
                var changed = bytes
                changed[position] = neighbour
                #expect(F.refusal(String(decoding: changed, as: UTF8.self)) != nil, "byte \(position) → \(neighbour)")
            }
        }
        #expect(codes["bad_signature", default: 0] > 0)
        #expect(codes["malformed", default: 0] > 0)
    }
}

import Crypto
import Domain
import Foundation
import Identity
import Testing

@Suite struct TrustedIssuersTests {
    typealias F = IdentityFixtures

    static let console = KeyFile.base64(of: F.consoleKey.publicKey)
    static let gateway = KeyFile.base64(of: F.gatewayKey.publicKey)
    static let intake = KeyFile.base64(of: F.intakeKey.publicKey)

    @Test func parsesTheDesignsThreeIssuers() throws {
        let text =
            "console:\(Self.console):bureau_desk,liaison,unit_leader ; gateway:\(Self.gateway):platform;intake:\(Self.intake):system;"
        let trust = try TrustedIssuers(parsing: text)
        #expect(trust.ids == ["console", "gateway", "intake"])
        #expect(trust["console"]?.allowedRoles == [.bureauDesk, .liaison, .unitLeader])
        #expect(trust["gateway"]?.allowedRoles == [.platform])
        #expect(trust["intake"]?.publicKeyBytes == F.intakeKey.publicKey.rawRepresentation)
        #expect(trust["sla"] == nil)
        #expect(
            trust.description
                == "console:\(Self.console):bureau_desk,liaison,unit_leader;gateway:\(Self.gateway):platform;intake:\(Self.intake):system"
        )
        #expect(try TrustedIssuers(parsing: trust.description).description == trust.description)
    }

    @Test func theParsedConfigurationDecidesWhatIsAccepted() throws {
        let trust = try TrustedIssuers(parsing: "console:\(Self.console):liaison;gateway:\(Self.gateway):platform")
        let verifier = CredentialVerifier(trustedIssuers: trust)
        #expect(F.refusal(try F.liaison().token, verifier: verifier) == nil)
        let desk = try F.console.issue(account: "desk", displayName: "办公室", roles: [.bureauDesk], now: F.now)
        #expect(F.refusal(desk.token, verifier: verifier) == .roleNotAllowed)
        let system = try F.intake.issue(account: "intake", displayName: "intake", roles: [.system], now: F.now)
        #expect(F.refusal(system.token, verifier: verifier) == .unknownIssuer)
    }

    @Test(arguments: [
        ("", "", "no issuer is configured"),
        (" ; ", "", "no issuer is configured"),
        ("console", "console", "expected id:public key:roles"),
        ("console:\(console)", "console:\(console)", "expected id:public key:roles"),
        ("console:\(console):liaison:extra", "console:\(console):liaison:extra", "expected id:public key:roles"),
        ("con sole:\(console):liaison", "con sole", "an issuer id is 1 to 64"),
        (":\(console):liaison", "", "an issuer id is 1 to 64"),
        ("console:AAAA:liaison", "console", "is not 32 bytes in base64"),
        ("console:not base64!:liaison", "console", "is not 32 bytes in base64"),
        ("console:\(console):", "console", "is given no roles"),
        ("console:\(console):liaison,overlord", "overlord", "unknown role of issuer console"),
        ("console:\(console):liaison,,unit_leader", "", "unknown role of issuer console"),
        ("console:\(console):administrator,system", "console", "need separate issuers"),
        ("console:\(console):liaison;console:\(gateway):liaison", "console", "is listed twice"),
    ])
    func refusesABadConfigurationNamingTheVariableAndThePart(text: String, part: String, reason: String) {
        #expect {
            _ = try TrustedIssuers(parsing: text, variable: "SUBAN_TRUSTED_ISSUERS")
        } throws: { error in
            guard let error = error as? TrustedIssuers.ConfigurationError else { return false }
            return error.variable == "SUBAN_TRUSTED_ISSUERS" && error.part == part && error.reason.contains(reason)
                && "\(error)".hasPrefix("SUBAN_TRUSTED_ISSUERS is invalid")
        }
    }

    @Test func theGatewayMayAssertBothServiceRoles() throws {
        let trust = try TrustedIssuers(parsing: "gateway:\(Self.gateway):platform,system")
        #expect(trust["gateway"]?.allowedRoles == [.platform, .system])
    }
}

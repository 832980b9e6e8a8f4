import Foundation
import Testing

@testable import PlatformAdapter

/// The canonical string and its HMAC, pinned to a vector computed independently (openssl), so that
/// the gateway and the simulator cannot agree on a wrong scheme between themselves.
@Suite("Signature")
struct SignatureTests {
    static let body = Array(#"{"order_no":"X"}"#.utf8)

    @Test func canonicalStringIsAsDocumented() {
        let canonical = PlatformSignature.canonicalString(
            method: "post", target: "/platform/v1/orders", appKey: "platform-test", timestamp: 1_764_207_000,
            nonce: "nonce-0001", body: Self.body)
        #expect(
            canonical
                == "POST\n/platform/v1/orders\nplatform-test\n1764207000\nnonce-0001\n9ec54b690b0e620d9a08da4a9cc978831f994680a30c70ddda4e496f133b5063"
        )
    }

    @Test func signatureMatchesTheIndependentVector() {
        let signature = PlatformSignature.sign(
            method: "POST", target: "/platform/v1/orders", appKey: "platform-test", secret: "test-secret-0123456789",
            timestamp: 1_764_207_000, nonce: "nonce-0001", body: Self.body)
        #expect(signature.signature == "0215a9378370fb3c1f168a2782a1986904507df25374b6223f57369180560a63")
        #expect(
            signature.isValid(
                method: "POST", target: "/platform/v1/orders", secret: "test-secret-0123456789", body: Self.body))
    }

    @Test(arguments: ["body", "target", "secret", "nonce", "timestamp"])
    func changingAnySignedPartBreaksTheSignature(_ part: String) {
        var signature = PlatformSignature.sign(
            method: "POST", target: "/platform/v1/orders", appKey: "k", secret: "test-secret-0123456789", timestamp: 1,
            nonce: "nonce-0001", body: Self.body)
        var body = Self.body
        var target = "/platform/v1/orders"
        var secret = "test-secret-0123456789"
        switch part {
        case "body": body[2] ^= 1
        case "target": target += "?x=1"
        case "secret": secret += "x"
        case "nonce": signature.nonce = "nonce-0002"
        default: signature.timestamp += 1
        }
        #expect(!signature.isValid(method: "POST", target: target, secret: secret, body: body))
    }

    @Test func credentialsParseAndMaskTheirSecrets() throws {
        let credentials = try PlatformCredentials(parsing: "a:0123456789abcdef, b.key:fedcba9876543210xyz")
        #expect(credentials.secret(for: "b.key") == "fedcba9876543210xyz")
        #expect(!credentials.description.contains("0123456789abcdef"))
        #expect(throws: PlatformCredentials.ParseError.self) { try PlatformCredentials(parsing: "a:short") }
        #expect(throws: PlatformCredentials.ParseError.self) {
            try PlatformCredentials(parsing: "bad key:0123456789abcdef")
        }
    }
}

/// Callers' numbers never reach a log line in clear.
@Suite("Personal data in logs")
struct PersonalDataMaskTests {
    @Test(arguments: [
        ("来电人 13812345678 反映", "来电人 138****5678 反映"),
        ("身份证 11010519491231002X。", "身份证 110105********002X。"),
        ("id=110105194912310021", "id=110105********0021"),
        ("电话 0398-2812345", "电话 0398-***2345"),
        ("order SMX20261127000123 stays", "order SMX20261127000123 stays"),
        ("message WO-1/13812345678x", "message WO-1/13812345678x"),
        ("2026-11-27 cycle 2", "2026-11-27 cycle 2"),
        ("order WO-78814475-2428-4439-a133-8e601aa5ebee", "order WO-78814475-2428-4439-a133-8e601aa5ebee"),
        ("uuid 0398-28123456-1", "uuid 0398-28123456-1"),
    ])
    func numbersAreMasked(_ input: String, _ expected: String) {
        #expect(PersonalDataMask.mask(input) == expected)
    }
}

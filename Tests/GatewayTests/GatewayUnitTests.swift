import Foundation
import Outbox
import PlatformAdapter
import Testing

@testable import GatewayCore

/// The pure pieces: backoff, email rendering, configuration.
@Suite("Gateway parts")
struct GatewayUnitTests {
    @Test func retryPolicyProbesWithinThreeSecondsOrTheMaximumBackoff() {
        var configuration = GatewayConfiguration()
        configuration.retryMaximumMilliseconds = 300_000
        #expect(configuration.retryPolicy.maximumProbeInterval == .seconds(3))
        configuration.retryInitialMilliseconds = 20
        configuration.retryMaximumMilliseconds = 100
        #expect(configuration.retryPolicy.maximumProbeInterval == .milliseconds(100))
        #expect(configuration.retryPolicy.maximumDelay == .milliseconds(100))
    }

    @Test func subjectsAreEncodedWordsOfAtMost75Characters() {
        let subject = EmailMessage.encodedWord("【交办单】12345 工单 SMX-20261127-000123（紧急），请于 2026-12-10 前答复")
        let words = subject.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        #expect(EmailMessage.encodedWord("Plain subject") == "Plain subject")
    }

    @Test func dataIsDotStuffedAndTerminated() {
        let stuffed = SMTPClient.dotStuffed(Array("a\r\n.b\r\n..c".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "a\r\n..b\r\n...c\r\n.\r\n")
    }

    @Test func configurationMasksSecretsAndRefusesBadValues() throws {
        let configuration = try GatewayConfiguration(
            environment: [
                "SUBAN_GATEWAY_PLATFORM_KEYS": "p:0123456789abcdefXYZ",
                "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:9090/api",
                "SUBAN_GATEWAY_OUTBOUND_KEY": "bureau", "SUBAN_GATEWAY_OUTBOUND_SECRET": "secret-secret-secret",
            ],
            rpcPort: 7401
        )
        let printed = configuration.effectiveConfiguration.joined(separator: "\n")
        #expect(!printed.contains("0123456789abcdefXYZ") && !printed.contains("secret-secret-secret"))
        // Not a character of a secret, nor its length: only whether it is set.
        #expect(printed.contains("SUBAN_GATEWAY_OUTBOUND_SECRET=set"))
        #expect(printed.contains("p:set"))
        #expect(!printed.contains("*"))
        #expect(printed.contains("SUBAN_GATEWAY_HTTP_PORT=8080"))
        #expect(configuration.platformURL?.target("/orders/X/reply") == "/api/orders/X/reply")
        #expect(try GatewayConfiguration(environment: [:], rpcPort: 0).httpPort == 0)
        #expect(throws: GatewayConfiguration.ConfigurationError.self) {
            try GatewayConfiguration(environment: ["SUBAN_GATEWAY_PLATFORM_URL": "https://platform"], rpcPort: 7401)
        }
        #expect(throws: GatewayConfiguration.ConfigurationError.self) {
            try GatewayConfiguration(environment: ["SUBAN_GATEWAY_PLATFORM_KEYS": "p:short"], rpcPort: 7401)
        }
    }
}

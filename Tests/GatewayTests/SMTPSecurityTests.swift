import Foundation
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// The gateway's SMTP client against a real aiosmtpd that requires STARTTLS and a login
/// (Tests/SMTPFixture/smtp_server.py), with certificates made for each test by openssl: mail goes
/// through only inside TLS the client verified, and credentials never reach a server otherwise.
@Suite(
    "SMTP with STARTTLS and AUTH",
    .enabled("needs aiosmtpd and the openssl CLI (scripts/setup.sh installs both)") {
        await SecureSMTPServer.toolsAreInstalled()
    })
struct SMTPSecurityTests {
    static let sender = "suban@bureau.example.cn"
    static let recipients = ["liaison@employment.example.cn", "head@employment.example.cn"]
    static let subject = "【催办】12345 工单 SMX-001"

    @Test(arguments: SMTPClient.AuthenticationMechanism.allCases)
    func aMessageGoesThroughSTARTTLSAndTheLogin(mechanism: SMTPClient.AuthenticationMechanism) async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(certificate: try await authority.issue(for: "localhost"))
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: authority, mechanism: mechanism))
            }
            #expect(failure == nil)
            #expect(events.logins.map(\.mechanism) == [mechanism.rawValue])
            let message = try #require(events.messages.first)
            #expect(events.messages.count == 1)
            #expect(message.to == Self.recipients)
            #expect(message.from == Self.sender)
            #expect(message.subject == Self.subject)
            #expect(message.tls == true)
            #expect(message.login == options.user)
        }
    }

    @Test func aWrongPasswordIsAClearErrorAndNothingIsDelivered() async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(certificate: try await authority.issue(for: "localhost"))
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: authority, password: "wrong"))
            }
            let refused = try #require(failure)
            #expect(refused.description.contains("did not accept the login of notifier"))
            #expect(refused.description.contains("535"))
            #expect(!refused.description.contains("wrong"))
            #expect(!refused.permanent)  // the configuration is at fault, not the message: retried once mended
            #expect(events.logins.map(\.success) == [false])
            #expect(events.messages.isEmpty)
        }
    }

    @Test func aCertificateForAnotherNameIsRefusedBeforeAuth() async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(
                certificate: try await authority.issue(for: "mail.elsewhere.example"))
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: authority))
            }
            let refused = try #require(failure).description
            #expect(refused.contains("TLS with localhost failed"))
            #expect(refused.contains("Couldn't find localhost in certificate"))  // NIOSSL's host name check
            #expect(events.authCommands.isEmpty)
            #expect(events.messages.isEmpty)
        }
    }

    @Test func aCertificateFromAnUntrustedAuthorityIsRefusedBeforeAuth() async throws {
        try await Self.withAuthority { trusted in
            let stranger = try await TestCertificateAuthority(name: "stranger-ca", in: trusted.directory)
            let options = SecureSMTPServer.Options(certificate: try await stranger.issue(for: "localhost"))
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: trusted))
            }
            let refused = try #require(failure).description
            #expect(refused.contains("TLS with localhost failed"))
            #expect(refused.contains("CERTIFICATE_VERIFY_FAILED"))  // BoringSSL's chain check
            #expect(events.authCommands.isEmpty)
            #expect(events.messages.isEmpty)
        }
    }

    @Test func anAddressIsCheckedAgainstTheCertificatesIPEntries() async throws {
        try await Self.withAuthority { authority in
            for (certifiedHost, delivered) in [("127.0.0.1", true), ("localhost", false)] {
                let options = SecureSMTPServer.Options(certificate: try await authority.issue(for: certifiedHost))
                let (failure, events) = try await SecureSMTPServer.run(options) { server in
                    await Self.failure(sending: Self.client(host: "127.0.0.1", port: server.port, trusting: authority))
                }
                #expect((failure == nil) == delivered, "\(certifiedHost): \(failure?.description ?? "delivered")")
                #expect(events.messages.count == (delivered ? 1 : 0))
                #expect(events.authCommands.count == (delivered ? 1 : 0))
            }
        }
    }

    @Test func aServerWithoutSTARTTLSIsRefusedAndNeverSeesTheCredentials() async throws {
        try await Self.withAuthority { authority in
            // It even offers AUTH in clear, as a careless or impersonating relay would.
            let options = SecureSMTPServer.Options(certificate: nil, plainAuthentication: true)
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: authority))
            }
            #expect(try #require(failure).description.contains("does not offer STARTTLS"))
            #expect(events.authCommands.isEmpty)
            #expect(events.messages.isEmpty)
        }
    }

    @Test func aReplySlippedInBeforeTLSIsRefused() async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(certificate: nil, injectsAfterStartTLS: true)
            let (failure, events) = try await SecureSMTPServer.run(options) { server in
                await Self.failure(sending: Self.client(port: server.port, trusting: authority))
            }
            #expect(try #require(failure).description.contains("sent data after its STARTTLS reply"))
            #expect(events.authCommands.isEmpty)
        }
    }

    @Test func credentialsGoOutInClearOnlyWhenThatIsAllowedOutright() async throws {
        let options = SecureSMTPServer.Options(certificate: nil, plainAuthentication: true)
        let (failures, events) = try await SecureSMTPServer.run(options) { server in
            var configuration = SMTPClient.Configuration(host: "127.0.0.1", port: server.port)
            configuration.credentials = SMTPClient.Credentials(user: options.user, password: options.password)
            let refused = await Self.failure(sending: SMTPClient(configuration: configuration))
            configuration.allowsPlainAuthentication = true
            let allowed = await Self.failure(sending: SMTPClient(configuration: configuration))
            return (refused, allowed)
        }
        #expect(try #require(failures.0).description.contains("refusing to send SMTP credentials without TLS"))
        #expect(failures.1 == nil)
        #expect(events.authCommands.map(\.tls) == [false])  // the allowed one only
        #expect(events.messages.map(\.login) == [options.user])
    }

    @Test func theGatewayMailsThroughSTARTTLSWithItsConfiguration() async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(certificate: try await authority.issue(for: "localhost"))
            let (_, events) = try await SecureSMTPServer.run(options) { server in
                let environment = [
                    "SUBAN_SMTP_HOST": "localhost", "SUBAN_SMTP_PORT": "\(server.port)", "SUBAN_SMTP_FROM": Self.sender,
                    "SUBAN_SMTP_USER": options.user, "SUBAN_SMTP_PASSWORD": options.password,
                    "SUBAN_SMTP_CA_FILE": authority.certificateFile,
                ]
                let parsed = try GatewayConfiguration(environment: environment, rpcPort: 0)
                #expect(parsed.smtpSecurity == .starttls)
                try await GatewayFixture.run({ Self.copySMTP(from: parsed, to: &$0) }) { gateway in
                    _ = try await gateway.handlers.notify(
                        EmailDeliveryTests.notification("tls-1", kind: "reminder"), EmailDeliveryTests.context())
                    var attempts = gateway.attempts.makeAsyncIterator()
                    #expect(try #require(await attempts.next()).2)
                }
            }
            #expect(events.messages.map(\.to) == [["liaison@employment.example.cn"]])
            #expect(events.messages.map(\.tls) == [true])
        }
    }

    @Test func aRefusedLoginIsRecordedAndRetriedLikeOtherSMTPFailures() async throws {
        try await Self.withAuthority { authority in
            let options = SecureSMTPServer.Options(certificate: try await authority.issue(for: "localhost"))
            let (_, events) = try await SecureSMTPServer.run(options) { server in
                try await GatewayFixture.run({
                    $0.smtpHost = "localhost"
                    $0.smtpPort = server.port
                    $0.smtpSecurity = .starttls
                    $0.smtpUser = options.user
                    $0.smtpPassword = "not the password"
                    $0.smtpCAFile = authority.certificateFile
                }) { gateway in
                    _ = try await gateway.handlers.notify(
                        EmailDeliveryTests.notification("tls-2", kind: "reminder"), EmailDeliveryTests.context())
                    var attempts = gateway.attempts.makeAsyncIterator()
                    #expect(try #require(await attempts.next()).2 == false)
                    #expect(try #require(await attempts.next()).2 == false)  // tried again
                    let pending = try await gateway.handlers.list(Wire.ListOutboxRequest()).entries
                    #expect(pending.count == 1)
                    #expect(pending.first?.lastError.contains("did not accept the login of notifier") == true)
                    #expect(try await gateway.handlers.list(Wire.ListOutboxRequest(state: "given_up")).entries.isEmpty)
                }
            }
            #expect(events.logins.count >= 2)
            #expect(events.logins.allSatisfy { $0.success == false })
            #expect(events.messages.isEmpty)
        }
    }

    // MARK: Helpers

    static func withAuthority(_ body: (TestCertificateAuthority) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-smtp-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try await TestCertificateAuthority(name: "suban-test-ca", in: directory))
    }

    /// A client for the fixture's account, on `localhost` (the name its certificates carry) unless told.
    static func client(
        host: String = "localhost", port: Int, trusting authority: TestCertificateAuthority,
        mechanism: SMTPClient.AuthenticationMechanism? = nil, password: String = SecureSMTPServer.Options().password
    ) -> SMTPClient {
        var configuration = SMTPClient.Configuration(host: host, port: port)
        configuration.security = .starttls
        configuration.credentials = SMTPClient.Credentials(
            user: SecureSMTPServer.Options().user, password: password, mechanism: mechanism)
        configuration.trustRootsFile = authority.certificateFile
        return SMTPClient(configuration: configuration)
    }

    /// Sends one message; its failure, or `nil` when the server took it.
    static func failure(sending client: SMTPClient) async -> SMTPClient.Failure? {
        let message = EmailMessage(
            from: sender, to: recipients, subject: subject, body: "请于今日内签收。\n", date: Date(),
            messageID: "\(UUID())@bureau.example.cn"
        )
        do {
            try await client.send(from: sender, to: recipients, message: message.rendered())
            return nil
        } catch {
            return error
        }
    }

    static func copySMTP(from parsed: GatewayConfiguration, to configuration: inout GatewayConfiguration) {
        configuration.smtpHost = parsed.smtpHost
        configuration.smtpPort = parsed.smtpPort
        configuration.smtpFrom = parsed.smtpFrom
        configuration.smtpSecurity = parsed.smtpSecurity
        configuration.smtpUser = parsed.smtpUser
        configuration.smtpPassword = parsed.smtpPassword
        configuration.smtpAuthMechanism = parsed.smtpAuthMechanism
        configuration.smtpCAFile = parsed.smtpCAFile
        configuration.smtpAllowsPlainAuthentication = parsed.smtpAllowsPlainAuthentication
    }
}

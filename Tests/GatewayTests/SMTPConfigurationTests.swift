import Foundation
import Testing

@testable import GatewayCore

/// `SUBAN_SMTP_*`: a login means STARTTLS unless clear text is asked for outright, the
/// password is never printed, and what cannot work stops the gateway at start.
@Suite("SMTP security configuration")
struct SMTPConfigurationTests {
    typealias ConfigurationError = GatewayConfiguration.ConfigurationError
    static let login = [
        "SUBAN_SMTP_HOST": "mail.bureau.example.cn", "SUBAN_SMTP_USER": "notifier",
        "SUBAN_SMTP_PASSWORD": "s3cret-Passw0rd",
    ]

    @Test func withoutALoginNothingChanges() throws {
        let configuration = try GatewayConfiguration(environment: ["SUBAN_SMTP_HOST": "relay"], rpcPort: 0)
        #expect(configuration.smtpSecurity == .none)
        let client = try #require(configuration.smtpClientConfiguration)
        #expect(client.credentials == nil)
        #expect(client.security == .none)
        #expect(configuration.effectiveConfiguration.contains("SUBAN_SMTP_PASSWORD=not set"))
    }

    @Test func aLoginMeansSTARTTLSAndThePasswordIsShownOnlyAsSet() throws {
        let configuration = try GatewayConfiguration(environment: Self.login, rpcPort: 0)
        #expect(configuration.smtpSecurity == .starttls)
        let client = try #require(configuration.smtpClientConfiguration)
        #expect(client.security == .starttls)
        #expect(client.credentials?.user == "notifier")
        #expect(client.credentials?.password == "s3cret-Passw0rd")
        #expect(client.credentials?.mechanism == nil)
        let printed = configuration.effectiveConfiguration
        #expect(printed.contains("SUBAN_SMTP_TLS=starttls"))
        #expect(printed.contains("SUBAN_SMTP_USER=notifier"))
        #expect(printed.contains("SUBAN_SMTP_PASSWORD=set"))
        #expect(!printed.joined().contains("s3cr"))
        #expect(!printed.joined().contains("0rd"))
    }

    @Test func credentialsWithoutTLSAreRefusedUnlessClearTextIsAllowedOutright() throws {
        var environment = Self.login
        environment["SUBAN_SMTP_TLS"] = "none"
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(environment: environment, rpcPort: 0) }
        environment["SUBAN_SMTP_ALLOW_PLAIN_AUTH"] = "yes"
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(environment: environment, rpcPort: 0) }
        environment["SUBAN_SMTP_ALLOW_PLAIN_AUTH"] = "1"
        let client = try #require(
            try GatewayConfiguration(environment: environment, rpcPort: 0).smtpClientConfiguration)
        #expect(client.security == .none)
        #expect(client.allowsPlainAuthentication)
    }

    @Test(arguments: [
        ["SUBAN_SMTP_TLS": "tls"],
        ["SUBAN_SMTP_AUTH": "cram-md5"],
        ["SUBAN_SMTP_PASSWORD": ""],
        ["SUBAN_SMTP_USER": ""],
        ["SUBAN_SMTP_USER": "a\r\nRSET"],
        ["SUBAN_SMTP_CA_FILE": "/nonexistent/ca.pem"],
        ["SUBAN_SMTP_PASSWORD_FILE": "/nonexistent/password"],
    ])
    func whatCannotWorkStopsTheGatewayAtStart(override: [String: String]) {
        let environment = Self.login.merging(override) { $1 }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(environment: environment, rpcPort: 0) }
    }

    @Test func thePasswordCanComeFromAFileButNotFromBoth() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suban-smtp-password-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "from a file\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        var environment = Self.login
        environment["SUBAN_SMTP_PASSWORD_FILE"] = file
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(environment: environment, rpcPort: 0) }
        environment["SUBAN_SMTP_PASSWORD"] = nil
        environment["SUBAN_SMTP_AUTH"] = "login"
        let configuration = try GatewayConfiguration(environment: environment, rpcPort: 0)
        #expect(configuration.smtpPassword == "from a file")
        #expect(configuration.smtpAuthMechanism == .login)
        #expect(configuration.effectiveConfiguration.contains("SUBAN_SMTP_PASSWORD=set"))
    }

    @Test func theEHLOReplyIsReadForSTARTTLSAndAUTH() {
        let extensions = SMTPClient.Session.Extensions(replyLines: [
            "mail.test", "SIZE 33554432", "8BITMIME", "starttls", "AUTH login PLAIN",
        ])
        #expect(extensions.offersStartTLS)
        #expect(extensions.authenticationMechanisms == ["LOGIN", "PLAIN"])
        #expect(SMTPClient.Session.Extensions(replyLines: ["mail.test", "AUTH"]).authenticationMechanisms == [])
        #expect(SMTPClient.Session.Extensions(replyLines: ["mail.test STARTTLS"]).offersStartTLS == false)  // the greeting line is not a keyword
    }

    @Test func theMechanismIsTheConfiguredOneOrPlainBeforeLogin() throws {
        typealias Mechanism = SMTPClient.AuthenticationMechanism
        #expect(try Mechanism.chosen(nil, offered: ["LOGIN", "PLAIN"]) == .plain)
        #expect(try Mechanism.chosen(nil, offered: ["CRAM-MD5", "LOGIN"]) == .login)
        #expect(try Mechanism.chosen(.login, offered: ["LOGIN", "PLAIN"]) == .login)
        #expect(throws: SMTPClient.Failure.self) { try Mechanism.chosen(.plain, offered: ["LOGIN"]) }
        #expect(throws: SMTPClient.Failure.self) { try Mechanism.chosen(nil, offered: ["XOAUTH2"]) }
        #expect(throws: SMTPClient.Failure.self) { try Mechanism.chosen(nil, offered: nil) }
    }
}

import Foundation
import NIOSSL
import ServiceDirectory
import ServiceKit

/// The SMTP session's protection and login, from `SUBAN_SMTP_*` (README, "The 12345
/// platform edge"). Credentials are never configured to go out in clear by accident.
extension GatewayConfiguration {
    mutating func readSMTPSecurity(from environment: [String: String]) throws(ConfigurationError) {
        smtpUser = environment["SUBAN_SMTP_USER"] ?? ""
        guard !smtpUser.contains(where: { $0 == "\0" || $0.isNewline }) else {
            throw ConfigurationError(
                variable: "SUBAN_SMTP_USER", value: "(hidden)", expected: "a user name without NUL or line breaks")
        }
        smtpPassword = try Self.smtpPassword(environment)
        if smtpUser.isEmpty != smtpPassword.isEmpty {
            throw ConfigurationError(
                variable: smtpUser.isEmpty ? "SUBAN_SMTP_USER" : "SUBAN_SMTP_PASSWORD", value: "",
                expected: "SUBAN_SMTP_USER and SUBAN_SMTP_PASSWORD (or _PASSWORD_FILE) together"
            )
        }
        switch environment["SUBAN_SMTP_TLS"] ?? "" {
        case "": smtpSecurity = smtpUser.isEmpty ? .none : .starttls
        case let text:
            guard let security = SMTPClient.Security(rawValue: text) else {
                throw ConfigurationError(variable: "SUBAN_SMTP_TLS", value: text, expected: "starttls or none")
            }
            smtpSecurity = security
        }
        switch environment["SUBAN_SMTP_ALLOW_PLAIN_AUTH"] ?? "0" {
        case "0": smtpAllowsPlainAuthentication = false
        case "1": smtpAllowsPlainAuthentication = true
        case let text:
            throw ConfigurationError(variable: "SUBAN_SMTP_ALLOW_PLAIN_AUTH", value: text, expected: "0 or 1")
        }
        if !smtpUser.isEmpty, smtpSecurity == .none, !smtpAllowsPlainAuthentication {
            throw ConfigurationError(
                variable: "SUBAN_SMTP_TLS", value: "none",
                expected:
                    "starttls while SUBAN_SMTP_USER is set: credentials are not sent in clear unless SUBAN_SMTP_ALLOW_PLAIN_AUTH=1"
            )
        }
        if let text = environment["SUBAN_SMTP_AUTH"], !text.isEmpty {
            guard let mechanism = SMTPClient.AuthenticationMechanism(rawValue: text.uppercased()) else {
                throw ConfigurationError(
                    variable: "SUBAN_SMTP_AUTH", value: text,
                    expected: "plain or login (unset: what the server offers, PLAIN first)")
            }
            smtpAuthMechanism = mechanism
        }
        smtpCAFile = environment["SUBAN_SMTP_CA_FILE"] ?? ""
        if !smtpCAFile.isEmpty {
            // Read now, so that a wrong path stops the gateway at start rather than every email later.
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(smtpCAFile)
            } catch {
                throw ConfigurationError(
                    variable: "SUBAN_SMTP_CA_FILE", value: smtpCAFile,
                    expected: "a readable PEM file of one or more certificates (\(error))"
                )
            }
            guard !certificates.isEmpty else {
                throw ConfigurationError(
                    variable: "SUBAN_SMTP_CA_FILE", value: smtpCAFile,
                    expected: "a readable PEM file of one or more certificates")
            }
        }
    }

    /// How the gateway's SMTP client is set up; `nil` without `SUBAN_SMTP_HOST` (emails wait).
    var smtpClientConfiguration: SMTPClient.Configuration? {
        guard !smtpHost.isEmpty else { return nil }
        var configuration = SMTPClient.Configuration(host: smtpHost, port: smtpPort)
        configuration.security = smtpSecurity
        if !smtpUser.isEmpty {
            configuration.credentials = SMTPClient.Credentials(
                user: smtpUser, password: smtpPassword, mechanism: smtpAuthMechanism)
        }
        configuration.trustRootsFile = smtpCAFile.isEmpty ? nil : smtpCAFile
        configuration.allowsPlainAuthentication = smtpAllowsPlainAuthentication
        return configuration
    }

    /// `SUBAN_SMTP_PASSWORD`, or the contents of `SUBAN_SMTP_PASSWORD_FILE` less its
    /// final line break (a Docker or Kubernetes secret); never both.
    private static func smtpPassword(_ environment: [String: String]) throws(ConfigurationError) -> String {
        let inline = environment["SUBAN_SMTP_PASSWORD"] ?? ""
        guard let path = environment["SUBAN_SMTP_PASSWORD_FILE"], !path.isEmpty else { return inline }
        guard inline.isEmpty else {
            throw ConfigurationError(
                variable: "SUBAN_SMTP_PASSWORD_FILE", value: path,
                expected: "unset while SUBAN_SMTP_PASSWORD is set (one or the other)")
        }
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                variable: "SUBAN_SMTP_PASSWORD_FILE", value: path,
                expected: "a readable file holding the password (\(error.localizedDescription))"
            )
        }
        // "\r\n" is one Character: dropping the last newline Character drops either ending whole.
        return contents.last?.isNewline == true ? String(contents.dropLast()) : contents
    }
}

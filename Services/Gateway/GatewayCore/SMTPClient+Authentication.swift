import Foundation

extension SMTPClient.AuthenticationMechanism {
    /// The configured mechanism if the server offers it; otherwise the first this client speaks
    /// (PLAIN, then LOGIN) that the server offers.
    static func chosen(_ configured: Self?, offered: [String]?) throws(SMTPClient.Failure) -> Self {
        guard let offered else {
            throw SMTPClient.Failure(
                description: "the SMTP server does not offer AUTH; credentials were not sent", permanent: false)
        }
        let candidates = configured.map { [$0] } ?? allCases
        guard let mechanism = candidates.first(where: { offered.contains($0.rawValue) }) else {
            throw SMTPClient.Failure(
                description:
                    "the SMTP server offers AUTH \(offered.joined(separator: " ")), not \(candidates.map(\.rawValue).joined(separator: " or ")); credentials were not sent",
                permanent: false
            )
        }
        return mechanism
    }
}

extension SMTPClient.Session {
    /// AUTH (RFC 4954) with PLAIN (RFC 4616) or LOGIN. A refusal is not `permanent`: it concerns
    /// the gateway's configuration, not this message, so it is retried once someone mends it.
    mutating func authenticate(_ credentials: SMTPClient.Credentials, offered: Extensions) async throws {
        let mechanism = try SMTPClient.AuthenticationMechanism.chosen(
            credentials.mechanism, offered: offered.authenticationMechanisms)
        do {
            switch mechanism {
            case .plain:
                let response = Self.base64("\0\(credentials.user)\0\(credentials.password)")
                try await command("AUTH PLAIN \(response)", describedAs: "AUTH PLAIN", expect: 235)
            case .login:
                try await command("AUTH LOGIN", expect: 334)
                try await command(Self.base64(credentials.user), describedAs: "AUTH LOGIN (user name)", expect: 334)
                try await command(Self.base64(credentials.password), describedAs: "AUTH LOGIN (password)", expect: 235)
            }
        } catch let failure as SMTPClient.Failure {
            throw SMTPClient.Failure(
                description: "the SMTP server did not accept the login of \(credentials.user): \(failure.description)",
                permanent: false
            )
        }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}

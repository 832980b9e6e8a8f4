import Domain
import Foundation

// The claims travel as one JSON object with sorted keys, so that the same credential always has
// the same bytes. The verifier never re-encodes: it checks the signature over the bytes as sent,
// then decodes them strictly (an unknown claim is malformed, not ignored, so a claim added by a
// later version is never silently dropped by an older verifier).

extension Credential {
    /// The claims as JSON: sorted keys, roles sorted, `unit` left out when there is none.
    func encodedClaims() -> [UInt8] {
        let claims = Claims(
            account: account,
            expiresAt: expiresAtMilliseconds,
            id: id,
            issuedAt: issuedAtMilliseconds,
            issuer: issuer,
            name: displayName,
            roles: roles.sorted().map(\.rawValue),
            unit: unit
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(claims))
        } catch {
            // Strings and integers always encode; reaching this is a bug in Foundation, not bad input.
            preconditionFailure("credential claims did not encode: \(error)")
        }
    }

    /// The claims as the token states them, before anything is trusted.
    struct Claims: Codable, Sendable {
        var account: String
        var expiresAt: Int64
        var id: String
        var issuedAt: Int64
        var issuer: String
        var name: String
        var roles: [String]
        var unit: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case account
            case expiresAt = "expires_at"
            case id
            case issuedAt = "issued_at"
            case issuer
            case name
            case roles
            case unit
        }

        init(
            account: String,
            expiresAt: Int64,
            id: String,
            issuedAt: Int64,
            issuer: String,
            name: String,
            roles: [String],
            unit: String?
        ) {
            self.account = account
            self.expiresAt = expiresAt
            self.id = id
            self.issuedAt = issuedAt
            self.issuer = issuer
            self.name = name
            self.roles = roles
            self.unit = unit
        }

        init(from decoder: any Decoder) throws {
            if let unknown = try StrictJSON.unknownField(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue)) {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "unknown claim \(unknown.name)"))
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            account = try container.decode(String.self, forKey: .account)
            expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
            id = try container.decode(String.self, forKey: .id)
            issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
            issuer = try container.decode(String.self, forKey: .issuer)
            name = try container.decode(String.self, forKey: .name)
            roles = try container.decode([String].self, forKey: .roles)
            unit = try container.decodeIfPresent(String.self, forKey: .unit)
        }

        /// Decodes the JSON structure; its content is checked by `credential()`.
        static func decode(_ bytes: [UInt8]) throws(IdentityError) -> Claims {
            do {
                return try JSONDecoder().decode(Claims.self, from: Data(bytes))
            } catch let error as DecodingError {
                throw IdentityError(.malformed, "claims are not a v1 claims object: \(describe(error))")
            } catch {
                throw IdentityError(.malformed, "claims are not JSON")
            }
        }

        /// The credential these claims state, or `malformed` naming what it may not carry.
        func credential() throws(IdentityError) -> Credential {
            var parsedRoles: Set<Role> = []
            for text in roles {
                guard let role = Role(rawValue: text) else {
                    throw IdentityError(.malformed, "claim roles holds unknown role \"\(text.prefix(64))\"")
                }
                guard parsedRoles.insert(role).inserted else {
                    throw IdentityError(.malformed, "claim roles holds \(role) twice")
                }
            }
            let credential = Credential(
                issuer: issuer,
                account: account,
                displayName: name,
                roles: parsedRoles,
                unit: unit,
                issuedAtMilliseconds: issuedAt,
                expiresAtMilliseconds: expiresAt,
                id: id
            )
            try credential.validate()
            return credential
        }

        private static func describe(_ error: DecodingError) -> String {
            switch error {
            case .keyNotFound(let key, _): "claim \(key.stringValue) is missing"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                context.codingPath.first.map { "claim \($0.stringValue) has the wrong type" } ?? "not a JSON object"
            case .dataCorrupted(let context): context.debugDescription
            @unknown default: "\(error)"
            }
        }
    }
}

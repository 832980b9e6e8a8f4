/// The wire form of a credential: three parts joined by dots,
///
///     v1.<base64url(claims JSON)>.<base64url(Ed25519 signature)>
///
/// where the signature covers the ASCII bytes of `suban-credential-v1.` followed by the claims
/// part exactly as sent. There is no algorithm field: version `v1` means Ed25519, and nothing in
/// a token chooses how it is checked.
struct CredentialToken {
    static let version = "v1"
    /// What the signature covers before the claims part: binds it to this use and version.
    static let signingContext = "suban-credential-v1."
    /// A token longer than this is refused before it is parsed.
    static let maximumLength = 4096
    static let signatureLength = 64

    /// The claims part as sent.
    var claimsPart: Substring
    var claims: [UInt8]
    var signature: [UInt8]

    /// Splits and decodes `text`, or throws `malformed`; nothing is verified yet.
    init(parsing text: String) throws(IdentityError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw IdentityError(.malformed, "credential is longer than \(Self.maximumLength) bytes")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw IdentityError(.malformed, "credential must be three parts separated by '.', found \(parts.count)")
        }
        guard parts[0] == Self.version else {
            throw IdentityError(.malformed, "credential version is not \(Self.version)")
        }
        guard let claims = Base64URL.decode(parts[1]), !claims.isEmpty else {
            throw IdentityError(.malformed, "claims part is not unpadded base64url")
        }
        guard let signature = Base64URL.decode(parts[2]), signature.count == Self.signatureLength else {
            throw IdentityError(.malformed, "signature part is not \(Self.signatureLength) bytes of unpadded base64url")
        }
        claimsPart = parts[1]
        self.claims = claims
        self.signature = signature
    }

    /// The bytes the issuer signs and the verifier checks for a claims part.
    static func signingInput(claimsPart: some StringProtocol) -> [UInt8] {
        Array(signingContext.utf8) + Array(claimsPart.utf8)
    }
}

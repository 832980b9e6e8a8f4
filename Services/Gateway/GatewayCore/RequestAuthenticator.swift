import Foundation
import GRDB
import Persistence
import PlatformAdapter

/// Checks the signature of an inbound request (docs/platform-api.md, "Authentication"), in an
/// order that names the first thing wrong and never lets an unsigned request burn a nonce:
/// headers present and well-formed, app key known, timestamp inside the window, signature
/// valid, and only then the nonce, which is remembered until it could no longer pass the window.
struct RequestAuthenticator: Sendable {
    let credentials: PlatformCredentials
    /// Seconds a timestamp may be before or after now.
    let window: Int64
    /// Remembers the nonces; shared with the inbox, so that a push's nonce and its inbox row
    /// join the commits of the pushes beside it (issue 18).
    let writer: GroupCommitWriter

    /// Returns the verified app key, or throws a 401 `APIError`.
    func authenticate(
        method: String,
        target: String,
        header: (String) -> String?,
        body: [UInt8],
        now: Date
    ) async throws(APIError) -> String {
        let signature = try parse(header)
        guard let secret = credentials.secret(for: signature.appKey) else {
            throw APIError.unauthorized("unknown_app_key", "app key \(signature.appKey) is not known to this endpoint")
        }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        guard abs(nowSeconds - signature.timestamp) <= window else {
            throw APIError.unauthorized(
                "timestamp_out_of_window",
                "the timestamp \(signature.timestamp) is more than \(window) seconds from the gateway's clock (\(nowSeconds))"
            )
        }
        guard signature.isValid(method: method, target: target, secret: secret, body: body) else {
            throw APIError.unauthorized(
                "bad_signature", "the signature does not match the canonical string of this request")
        }
        let firstUse: Bool
        do {
            let (appKey, nonce) = (signature.appKey, signature.nonce)
            // Kept until no timestamp that could carry it passes the window any more.
            let expiry = Double(signature.timestamp + window + 1)
            let seconds = now.timeIntervalSince1970
            firstUse = try await writer.write { db in
                try db.cachedStatement(sql: "DELETE FROM nonce WHERE expires_at < ?").execute(arguments: [seconds])
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO nonce (app_key, nonce, expires_at) VALUES (?, ?, ?)")
                    .execute(arguments: [appKey, nonce, expiry])
                return db.changesCount == 1
            }
        } catch {
            // Disk full or read-only: nothing is forwarded, and a retry (with a new nonce) may pass.
            throw APIError.storageUnavailable
        }
        guard firstUse else {
            throw APIError.unauthorized(
                "nonce_replayed", "nonce \(signature.nonce) was already used by app key \(signature.appKey)")
        }
        return signature.appKey
    }

    /// The four headers, each present and well-formed.
    private func parse(_ header: (String) -> String?) throws(APIError) -> PlatformSignature {
        var problems: [APIError.FieldProblem] = []
        let values = PlatformSignature.Header.all.map { name -> String in
            let value = header(name) ?? ""
            if value.isEmpty { problems.append(.init(field: name, code: "required", message: "header required")) }
            return value
        }
        guard problems.isEmpty else {
            throw APIError.unauthorized("missing_credentials", "the request is not signed", fields: problems)
        }
        let (appKey, timestampText, nonce, signature) = (values[0], values[1], values[2], values[3])
        let timestamp = Int64(timestampText)
        if timestamp == nil || timestampText.contains(where: { !$0.isASCII || !$0.isNumber }) {
            problems.append(
                .init(field: PlatformSignature.Header.timestamp, code: "invalid_format", message: "Unix seconds"))
        }
        if !(8...64).contains(nonce.utf8.count) || !nonce.utf8.allSatisfy(Self.isNonceCharacter) {
            problems.append(
                .init(
                    field: PlatformSignature.Header.nonce, code: "invalid_format", message: "8 to 64 of A-Z a-z 0-9 _ -"
                ))
        }
        if signature.utf8.count != 64 || !signature.utf8.allSatisfy(Self.isHexDigit) {
            problems.append(
                .init(
                    field: PlatformSignature.Header.signature, code: "invalid_format",
                    message: "64 lower-case hex digits"))
        }
        guard problems.isEmpty, let timestamp else {
            throw APIError.unauthorized("malformed_credentials", "a signature header is malformed", fields: problems)
        }
        return PlatformSignature(appKey: appKey, timestamp: timestamp, nonce: nonce, signature: signature)
    }

    private static func isNonceCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    /// Lower case only, as documented: one spelling of each signature, so that logs and the inbox
    /// compare as text.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

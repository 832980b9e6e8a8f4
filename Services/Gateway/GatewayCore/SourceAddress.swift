import Foundation

/// Where a request comes from, for the per-source limits and the inbox. Behind a reverse proxy
/// every peer is the proxy, so a proxy named in `SUBAN_GATEWAY_TRUSTED_PROXIES` is believed about
/// the client: the last `X-Forwarded-For` entry, the one that proxy appended. Entries before it
/// are the client's to write, so they are never believed, and nobody else's header is either.
enum SourceAddress {
    static func resolve(peer: String, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let client = forwardedFor.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return client.isEmpty ? peer : client
    }
}

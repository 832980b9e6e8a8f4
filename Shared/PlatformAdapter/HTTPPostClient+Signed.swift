public import Foundation

extension HTTPPostClient {
    /// POSTs a JSON `body` to `path` under `endpoint`, signed for `appKey` with `secret` at `now`
    /// with a fresh nonce (docs/platform-api.md, "Authentication"). `traceHeaders` (W3C
    /// `traceparent`, `tracestate`) go with it unsigned.
    public func postSigned(
        to endpoint: HTTPEndpoint,
        path: String,
        body: [UInt8],
        appKey: String,
        secret: String,
        now: Date = Date(),
        timeout: Duration = .seconds(10),
        traceHeaders: [String: String] = [:]
    ) async throws(Failure) -> Response {
        let target = endpoint.target(path)
        let signature = PlatformSignature.sign(
            method: "POST", target: target, appKey: appKey, secret: secret, body: body, now: now)
        let trace = traceHeaders.keys.sorted().compactMap { name in traceHeaders[name].map { (name: name, value: $0) } }
        return try await post(
            to: endpoint, target: target, headers: signature.headers + trace, body: body, timeout: timeout)
    }
}

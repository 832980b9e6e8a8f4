public import Foundation

extension HTTPPostClient {
    /// POSTs a JSON `body` to `path` under `endpoint`, signed for `appKey` with `secret` at `now`
    /// with a fresh nonce (docs/platform-api.md, "Authentication").
    public func postSigned(
        to endpoint: HTTPEndpoint,
        path: String,
        body: [UInt8],
        appKey: String,
        secret: String,
        now: Date = Date(),
        timeout: Duration = .seconds(10)
    ) async throws(Failure) -> Response {
        let target = endpoint.target(path)
        let signature = PlatformSignature.sign(method: "POST", target: target, appKey: appKey, secret: secret, body: body, now: now)
        return try await post(to: endpoint, target: target, headers: signature.headers, body: body, timeout: timeout)
    }
}

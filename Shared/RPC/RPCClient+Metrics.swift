public import WireProtocol

extension RPCClient {
    /// Calls `method` with an encoded body and returns the encoded response body.
    ///
    /// `headers` go with the call; unless they carry a credential, the client's `credentials` add theirs.
    /// A call the server refused because it is shutting down fails with `unavailable` and was not
    /// run; retrying it (after the service is back) is always safe.
    public func callRaw(
        _ method: String,
        body: [UInt8],
        timeout: Duration? = nil,
        traceID: String? = nil,
        headers: [Header] = []
    ) async throws(RPCError) -> [UInt8] {
        let started = ContinuousClock.now
        let nanoseconds = { () -> Int64 in
            let elapsed = (ContinuousClock.now - started).components
            return elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
        }
        do {
            let response = try await callUnmeasured(
                method, body: body, timeout: timeout, traceID: traceID, headers: headers)
            metrics.record(method: method, status: .ok, nanoseconds: nanoseconds())
            return response
        } catch {
            metrics.record(method: method, status: error.code, nanoseconds: nanoseconds())
            throw error
        }
    }
}

public import WireProtocol

/// Who a client's calls are made by: a service signing its own credential, a person's signed-in
/// session. The headers it gives are added to each call (docs/identity.md).
public protocol CallCredentials: Sendable {
    /// The headers authenticating a call of `method`; throws when no credential can be had (the
    /// console is down, the session has expired), and the call is then not made.
    func headers(for method: String) async throws(RPCError) -> [Header]
}

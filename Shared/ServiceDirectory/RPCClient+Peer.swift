public import Logging
public import RPC

extension RPCClient {
    /// A client of the service at `address`, making its calls with `credentials`: the one way a
    /// service, the console's pages and `subanctl` reach a peer.
    ///
    /// It fails at once when the peer is down instead of waiting for it: what a service must get
    /// to a peer waits in its outbox, which retries, and neither a caller nor a person at a
    /// terminal should be held up meanwhile.
    public static func peer(
        at address: ServiceAddress,
        credentials: (any CallCredentials)? = nil,
        timeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(2),
        logger: Logger
    ) -> RPCClient {
        RPCClient(
            configuration: RPCClient.Configuration(
                host: address.host,
                port: address.port,
                connectTimeout: connectTimeout,
                defaultTimeout: timeout,
                waitsForConnection: false
            ),
            logger: logger,
            credentials: credentials
        )
    }

    /// A client of the peer `service` at the address its variables give (`SUBAN_<PEER>_HOST/PORT`).
    public static func peer(
        _ service: ServiceName,
        variables: [String: String],
        credentials: (any CallCredentials)? = nil,
        timeout: Duration = .seconds(5),
        logger: Logger
    ) throws(ServiceConfigurationError) -> RPCClient {
        peer(
            at: try ServiceAddress(of: service, environment: variables), credentials: credentials, timeout: timeout,
            logger: logger)
    }
}

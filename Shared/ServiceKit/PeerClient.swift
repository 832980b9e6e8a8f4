public import Logging
public import RPC

extension RPCClient {
    /// A client of the peer `service` at the address its variables give (`SUBAN_<PEER>_HOST/PORT`),
    /// making its calls with `credentials`.
    ///
    /// It fails at once when the peer is down instead of waiting for it: what a service must get
    /// to a peer waits in its outbox, which retries, and a caller should not be held up meanwhile.
    public static func peer(
        _ service: ServiceName,
        variables: [String: String],
        credentials: any CallCredentials,
        timeout: Duration = .seconds(5),
        logger: Logger
    ) throws -> RPCClient {
        let target = try ServiceEnvironment(service: service, environment: variables)
        return RPCClient(
            configuration: RPCClient.Configuration(host: target.host, port: target.port, defaultTimeout: timeout, waitsForConnection: false),
            logger: logger,
            credentials: credentials
        )
    }
}

extension RPCServer {
    /// The `method` label a call is counted under: its name when a handler serves it, else one
    /// shared label (see `ServerStatistics.unregisteredMethod`).
    func metricsLabel(of method: String) -> String {
        router.handler(for: method) == nil ? ServerStatistics.unregisteredMethod : method
    }
}

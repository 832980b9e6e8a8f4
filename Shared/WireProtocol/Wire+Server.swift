extension Wire {
    /// The methods every service answers itself (`RPCServer`), on bare names ("health", "stats")
    /// that predate the "<service>.<method>" form. Written here by hand because the Swift of
    /// health.proto is (see Health.swift and Stats.swift).
    public enum Server {
        public static let health = MethodDescriptor<HealthRequest, HealthResponse>("health")
        public static let stats = MethodDescriptor<StatsRequest, StatsResponse>("stats")
    }
}

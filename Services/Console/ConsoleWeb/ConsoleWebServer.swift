import Hummingbird
public import Logging
public import ServiceLifecycle

/// The console's web pages (工作台) on Hummingbird, as a `Service` of the console's group.
/// Announces its address once it listens (port 0 picks a free one).
public struct ConsoleWebServer: Service {
    let configuration: WebConfiguration
    let backend: StaffBackend
    let logger: Logger
    let onListening: @Sendable (String, Int) -> Void

    public init(
        configuration: WebConfiguration,
        backend: StaffBackend,
        logger: Logger,
        onListening: @escaping @Sendable (String, Int) -> Void
    ) {
        self.configuration = configuration
        self.backend = backend
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let router = Router(context: WebRequestContext.self)
        router.addMiddleware { SecurityHeadersMiddleware() }
        WebRoutes(backend: backend, configuration: configuration).register(on: router)
        let onListening = onListening
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                onListening(address?.ipAddress ?? "?", address?.port ?? 0)
            },
            logger: logger
        )
        try await application.run()
        await backend.shutdown()
    }
}

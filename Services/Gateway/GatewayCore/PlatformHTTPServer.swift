import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PlatformAdapter
import ServiceLifecycle
import Tracing

/// The gateway's HTTP side: the platform and 12333 endpoints on Hummingbird, as a `Service` of
/// the gateway's group. Announces its address once it listens (port 0 picks a free one).
struct PlatformHTTPServer: Service {
    let host: String
    let port: Int
    let desk: InboundDesk
    /// Peers believed about the client's address (`SourceAddress`).
    let trustedProxies: Set<String>
    let logger: Logger
    let onListening: @Sendable (String, Int) -> Void
    /// Records a server span per request, continuing the platform's `traceparent`.
    let tracer: any Tracer
    /// Bounds the requests read and forwarded at once.
    let admission: AdmissionGate

    init(
        host: String, port: Int, desk: InboundDesk, trustedProxies: Set<String> = [], logger: Logger,
        tracer: any Tracer = InstrumentationSystem.tracer,
        admission: AdmissionGate.Configuration = AdmissionGate.Configuration(),
        onListening: @escaping @Sendable (String, Int) -> Void
    ) {
        self.tracer = tracer
        self.admission = AdmissionGate(configuration: admission)
        self.host = host
        self.port = port
        self.desk = desk
        self.trustedProxies = trustedProxies
        self.logger = logger
        self.onListening = onListening
    }

    func run() async throws {
        let router = Router(context: GatewayRequestContext.self)
        router.addMiddleware { JSONErrorMiddleware() }
        router.get(RouterPath(PlatformAPI.healthPath)) { _, _ in
            Self.response(InboundDesk.Answer(status: 200, body: ["status": "serving"]))
        }
        router.post(RouterPath(PlatformAPI.ordersPath)) { request, context in
            await handle(.platformOrder, request, context)
        }
        router.post(RouterPath(Self.eventsPath)) { request, context in
            await handle(.platformEvent(orderNumber: context.parameters.get("order_no") ?? ""), request, context)
        }
        router.post(RouterPath(PlatformAPI.hotline12333OrdersPath)) { request, context in
            await handle(.hotline12333Order, request, context)
        }
        router.post(RouterPath(PlatformAPI.knowledgeArticlesPath)) { request, context in
            await handle(.platformArticle, request, context)
        }
        let onListening = onListening
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                onListening(address?.ipAddress ?? "?", address?.port ?? 0)
            },
            logger: logger
        )
        try await application.run()
    }

    private func handle(_ endpoint: InboundDesk.Endpoint, _ request: Request, _ context: GatewayRequestContext) async
        -> Response
    {
        let now = Date()
        let source = SourceAddress.resolve(
            peer: context.sourceAddress,
            forwardedFor: request.headers.last { $0.name.canonicalName == "x-forwarded-for" }?.value,
            trustedProxies: trustedProxies)
        // Before the body is read: a flood from one address costs it nothing more.
        if let refusal = desk.refusal(fromSource: source, now: now) { return Self.response(refusal) }
        // Also before the body is read: what waits for a place holds no body, only its connection.
        return await admission.withAdmission(refused: { Self.response(InboundDesk.Answer(Self.atCapacity)) }) {
            await forward(endpoint, request, source: source, now: now)
        }
    }

    private func forward(_ endpoint: InboundDesk.Endpoint, _ request: Request, source: String, now: Date) async
        -> Response
    {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var body: [UInt8]?
        do {
            let buffer = try await request.body.collect(upTo: desk.maximumBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            // Too large (NIOTooManyBytesError) or the connection broke: either way nothing is read.
            body = nil
        }
        let target = request.head.path ?? "/"
        let answer = await traced(endpoint, target: target, headers: headers) {
            await desk.handle(endpoint, target: target, source: source, headers: headers, body: body, now: now)
        }
        return Self.response(answer)
    }

    static func response(_ answer: InboundDesk.Answer) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        if let seconds = answer.retryAfterSeconds { fields[.retryAfter] = String(seconds) }
        return Response(
            status: .init(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body.encoded())))
    }
}

extension PlatformHTTPServer {
    static let eventsPath = PlatformAPI.ordersPath + "/:order_no/events"

    /// The methods of each path the gateway serves, as registered in `run`.
    static let routes: [(path: String, methods: [String])] = [
        (PlatformAPI.healthPath, ["GET"]), (PlatformAPI.ordersPath, ["POST"]), (eventsPath, ["POST"]),
        (PlatformAPI.hotline12333OrdersPath, ["POST"]), (PlatformAPI.knowledgeArticlesPath, ["POST"]),
    ]

    /// The methods `path` has; empty for a path the gateway does not serve.
    static func allowedMethods(path: String) -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            return pattern.count == components.count
                && zip(pattern, components).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }.flatMap(\.methods)
    }

    /// Gives the errors Hummingbird raises itself (unknown path, wrong method) the adapter's JSON
    /// error body, so that every answer has one shape. Any other error is a bug: the desk answers
    /// every request itself and throws nothing, so nothing was forwarded and 500 says so.
    struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
            async throws -> Response
        {
            do {
                return try await next(request, context)
            } catch let error as HTTPError
                where error.status == .notFound && !PlatformHTTPServer.allowedMethods(path: request.uri.path).isEmpty
            {
                // A known path asked with another method: say which methods it has (RFC 9110, 15.5.6).
                let allowed = PlatformHTTPServer.allowedMethods(path: request.uri.path)
                var response = PlatformHTTPServer.response(
                    InboundDesk.Answer(APIError.methodNotAllowed(request.method.rawValue, allowed: allowed)))
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            } catch let error as HTTPError {
                let code =
                    error.status == .notFound
                    ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : "http_error"
                let message =
                    error.status == .notFound
                    ? "no such endpoint: \(request.method) \(request.uri.path)" : error.status.reasonPhrase
                return PlatformHTTPServer.response(
                    InboundDesk.Answer(APIError(status: error.status.code, code: code, message: message)))
            } catch {
                context.logger.error(
                    "gateway.http.unexpected_error",
                    metadata: ["error": "\(error)", "http.path": "\(request.uri.path)"])
                return PlatformHTTPServer.response(InboundDesk.Answer(APIError.internalError))
            }
        }
    }
}

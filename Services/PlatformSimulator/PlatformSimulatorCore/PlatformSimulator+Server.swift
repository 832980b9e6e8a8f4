import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import PlatformAdapter

extension PlatformSimulator {
    /// Serves the platform side until cancelled or shut down gracefully: the gateway's calls at
    /// `/orders/{order_no}/{kind}` and `/knowledge/articles/{article_id}/{kind}`, and on loopback a
    /// control API for tests and people (`POST /sim/orders`, `POST /sim/events`, `GET /sim/received`,
    /// `GET /sim/articles`; `GET /control/received`, the
    /// counts by message id; `GET /control/pushes`, what became of its own pushes). `onListening`
    /// gets the bound address.
    public func runServer(logger: Logger, onListening: @escaping @Sendable (String, Int) -> Void) async throws {
        let router = Router()
        router.get("/health") { _, _ in Self.response(200, ["status": "serving"]) }
        router.post("/orders/:order_no/:kind") { request, context in
            let number = context.parameters.get("order_no") ?? ""
            let segment = context.parameters.get("kind") ?? ""
            guard let kind = PlatformAPI.OutboundKind(pathSegment: segment) else {
                return Self.response(
                    404, ["error": ["code": "not_found", "message": .string("no such message kind: \(segment)")]])
            }
            let body: [UInt8]
            switch await Self.body(of: request, upTo: 1 << 20) {
            case .success(let bytes): body = bytes
            case .failure(let refusal): return refusal.response
            }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = self.receive(
                kind: kind, orderNumber: number, target: request.head.path ?? "/", header: { headers[$0.lowercased()] },
                body: body)
            return Self.response(answer.status, answer.body)
        }
        router.post("/knowledge/articles/:article_id/:kind") { request, context in
            let articleID = context.parameters.get("article_id") ?? ""
            let segment = context.parameters.get("kind") ?? ""
            guard let kind = PlatformAPI.ArticleMessageKind(pathSegment: segment) else {
                return Self.response(
                    404,
                    ["error": ["code": "not_found", "message": .string("no such article message kind: \(segment)")]])
            }
            let body: [UInt8]
            switch await Self.body(of: request, upTo: 1 << 20) {
            case .success(let bytes): body = bytes
            case .failure(let refusal): return refusal.response
            }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = self.receiveArticle(
                kind: kind, articleID: articleID, target: request.head.path ?? "/",
                header: { headers[$0.lowercased()] }, body: body)
            return Self.response(answer.status, answer.body)
        }
        router.post("/sim/orders") { request, _ in
            let json: JSONValue
            switch await Self.controlRequest(request) {
            case .success(let object): json = object
            case .failure(let refusal): return refusal.response
            }
            let result = await self.pushOrder(
                number: json["order_no"]?.stringValue, urgent: json["urgency"]?.stringValue.map { $0 == "urgent" },
                topic: json["topic"]?.stringValue, keyEnterprise: json["key_enterprise"]?.boolValue ?? false)
            return Self.response(
                200,
                [
                    "gateway_status": .integer(Int64(result.status)), "gateway_body": result.body,
                    "line": .string(result.line),
                ])
        }
        router.post("/sim/events") { request, _ in
            let json: JSONValue
            switch await Self.controlRequest(request) {
            case .success(let object): json = object
            case .failure(let refusal): return refusal.response
            }
            guard let number = json["order_no"]?.stringValue,
                let type = json["type"]?.stringValue.flatMap(PlatformAPI.EventType.init(rawValue:)),
                case .object(var fields) = json
            else {
                return Self.response(
                    422, ["error": ["code": "invalid_fields", "message": "order_no and a known type are required"]])
            }
            fields["order_no"] = nil
            fields["type"] = nil
            let result = await self.pushEvent(type, on: number, fields)
            return Self.response(
                200,
                [
                    "gateway_status": .integer(Int64(result.status)), "gateway_body": result.body,
                    "line": .string(result.line),
                ])
        }
        router.get("/sim/received") { _, _ in
            let messages: [JSONValue] = self.received.map {
                [
                    "message_id": .string($0.messageID), "kind": .string($0.kind.rawValue),
                    "order_no": .string($0.orderNumber),
                    "duplicate": .bool($0.duplicate), "body": $0.body,
                ]
            }
            return Self.response(200, ["received": .array(messages)])
        }
        router.get("/sim/articles") { _, _ in
            let messages: [JSONValue] = self.receivedArticles.map {
                [
                    "message_id": .string($0.messageID), "kind": .string($0.kind.rawValue),
                    "article_id": .string($0.articleID),
                    "duplicate": .bool($0.duplicate), "body": $0.body,
                ]
            }
            return Self.response(200, ["received": .array(messages)])
        }
        router.get("/control/received") { _, _ in Self.response(200, self.receivedCounts) }
        router.get("/control/pushes") { _, _ in Self.response(200, self.ledgerJSON) }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                onListening(channel.localAddress?.ipAddress ?? "?", channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        try await application.run()
    }

    static func response(_ status: Int, _ body: JSONValue) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .init(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.encoded())))
    }
}

import Domain
import Foundation
import Instrumentation
import Logging
import PlatformAdapter
import RPC
import Traces
import Tracing
import WireProtocol

/// What the inbound endpoints do, apart from HTTP: verify, read, keep the record, hand to intake,
/// and answer. A refused request changes nothing but its own inbox record.
///
/// The answer tells the truth (docs/platform-api.md, "Errors"): 201 or 200 only when intake said
/// the order is stored (the event applied); 503 with Retry-After whenever it may or may not be,
/// since intake is idempotent on the order number and the event id and the retry finds out; a
/// 4xx only for a definite refusal.
struct InboundDesk: Sendable {
    /// The endpoint a request came to.
    enum Endpoint: Sendable {
        case platformOrder
        case platformEvent(orderNumber: String)
        case hotline12333Order
        case platformArticle

        var channel: WorkOrder.Channel { if case .hotline12333Order = self { .hotline12333 } else { .hotline12345 } }

        var name: String {
            switch self {
            case .platformOrder: "POST \(PlatformAPI.ordersPath)"
            case .platformEvent: "POST \(PlatformAPI.ordersPath)/{order_no}/events"
            case .hotline12333Order: "POST \(PlatformAPI.hotline12333OrdersPath)"
            case .platformArticle: "POST \(PlatformAPI.knowledgeArticlesPath)"
            }
        }
    }

    /// The HTTP answer: status and JSON body.
    struct Answer: Sendable {
        var status: Int
        var body: JSONValue
        var retryAfterSeconds: Int?

        init(status: Int, body: JSONValue, retryAfterSeconds: Int? = nil) {
            self.status = status
            self.body = body
            self.retryAfterSeconds = retryAfterSeconds
        }

        init(_ error: APIError) {
            self.init(status: error.status, body: error.json, retryAfterSeconds: error.retryAfterSeconds)
        }
    }

    let platformAuthenticator: RequestAuthenticator
    let hotline12333Authenticator: RequestAuthenticator
    let inbox: Inbox
    let intake: RPCClient
    let maximumBodyBytes: Int
    let rateLimits: RateLimits
    let logger: Logger
    /// Writes the trace of each request's handling into its inbox row.
    var tracer: any Tracer = InstrumentationSystem.tracer

    /// The headers kept in the inbox with the body.
    static let recordedHeaders =
        ["content-type", "content-length", "user-agent", "x-forwarded-for"]
        + PlatformSignature.Header.all.map { $0.lowercased() }

    /// Handles one request from `source` (already admitted by `refusal(fromSource:now:)`). `body`
    /// is `nil` when it was larger than the limit.
    func handle(
        _ endpoint: Endpoint, target: String, source: String, headers: [String: String], body: [UInt8]?, now: Date
    ) async -> Answer {
        var record = Inbox.Record(
            receivedAt: now, sourceAddress: source, method: "POST", path: target, endpoint: endpoint.name,
            appKey: headers[PlatformSignature.Header.appKey.lowercased()] ?? "",
            headers: headers.filter { Self.recordedHeaders.contains($0.key) }, body: body,
            verification: "not_checked", outcome: "", httpStatus: 0
        )
        if case .platformEvent(let number) = endpoint { record.orderNumber = number }
        record.traceContext = TracePropagation.text(
            of: TracePropagation.headers(for: ServiceContext.current ?? .topLevel, tracer: tracer))
        let answer: Answer
        do throws(APIError) {
            guard let body else { throw APIError.bodyTooLarge(limit: maximumBodyBytes) }
            let authenticator = endpoint.channel == .hotline12333 ? hotline12333Authenticator : platformAuthenticator
            let appKey: String
            do {
                appKey = try await authenticator.authenticate(
                    method: "POST", target: target, header: { headers[$0.lowercased()] }, body: body, now: now)
            } catch {
                record.verification = error.code
                throw error
            }
            record.verification = Inbox.verified
            try checkAppKeyLimit(appKey, now: now)
            guard let json = JSONValue.parse(body), case .object = json else { throw APIError.malformedJSON }
            switch endpoint {
            case .platformOrder, .hotline12333Order:
                answer = try await submit(json, channel: endpoint.channel, now: now, record: &record)
            case .platformEvent(let number):
                answer = try await applyEvent(json, orderNumber: number, appKey: appKey, now: now, record: &record)
            case .platformArticle:
                answer = try await shareArticle(json, record: &record)
            }
        } catch {
            answer = Answer(error)
            record.outcome = error.code
        }
        record.httpStatus = answer.status
        if record.verification != Inbox.verified { chargeUnauthenticated(source, now: now) }
        do {
            // Over a limit: not kept, or a flood fills the inbox with rows instead of bodies.
            if answer.status != 429 { try await inbox.keep(record) }
        } catch {
            // The answer stands: it says what intake did. A row kept before forwarding still says
            // `forwarding`, which is what the gateway knows for sure; losing the update must be loud.
            logger.error("gateway.inbox.write_failed", metadata: ["error": "\(error)", "endpoint": "\(endpoint.name)"])
        }
        logger.log(
            level: answer.status < 400 ? .debug : .notice, "gateway.inbound",
            metadata: [
                "http.endpoint": "\(endpoint.name)", "http.status": "\(answer.status)",
                "inbox.verification": "\(record.verification)",
                "inbox.outcome": "\(record.outcome)", "order.number": "\(record.orderNumber ?? "")",
                "article.id": "\(record.articleID ?? "")", "trace.id": "\(ServiceContext.current?.callTraceID ?? "")",
            ]
        )
        return answer
    }

    private func submit(_ json: JSONValue, channel: WorkOrder.Channel, now: Date, record: inout Inbox.Record)
        async throws(APIError) -> Answer
    {
        let order = try InboundOrder(json: json, channel: channel, receivedAt: now)
        record.orderNumber = order.number
        try await keepBeforeForwarding(&record)
        let response: Wire.SubmitOrderResponse
        do {
            // No timeout of its own: the client's deadline (GatewayService.client) bounds the wait.
            response = try await intake.call(Wire.Intake.submit, Wire.SubmitOrderRequest(draft: order.draft))
        } catch {
            return answer(to: error, orderNumber: order.number, record: &record)
        }
        let view = response.order ?? Wire.WorkOrderView()
        record.orderID = view.id
        record.outcome = response.created ? "accepted" : response.redispatched ? "redispatched" : "duplicate"
        return Answer(
            status: response.created ? 201 : 200,
            body: [
                "order_no": .string(order.number), "order_id": .string(view.id), "created": .bool(response.created),
                "status": .string(record.outcome), "state": .string(view.state),
            ]
        )
    }

    private func applyEvent(
        _ json: JSONValue, orderNumber: String, appKey: String, now: Date, record: inout Inbox.Record
    ) async throws(APIError) -> Answer {
        guard PlatformAPI.isValidOrderNumber(orderNumber) else {
            throw APIError.invalidFields([
                .init(field: "order_no", code: "invalid_format", message: "1 to 64 of A-Z a-z 0-9 _ - in the path")
            ])
        }
        let event = try InboundEvent(json: json, orderNumber: orderNumber, appKey: appKey)
        record.eventID = event.eventID
        if let earlier = try await earlierAnswer(to: event, orderNumber: orderNumber) {
            record.outcome = "duplicate"
            return earlier
        }
        try await keepBeforeForwarding(&record)
        let response: Wire.ApplyActionResponse
        do {
            response = try await intake.call(Wire.Intake.apply, event.request)
        } catch {
            return answer(to: error, orderNumber: orderNumber, record: &record)
        }
        let body: JSONValue = [
            "event_id": .string(event.eventID), "order_no": .string(orderNumber),
            "order_id": .string(response.order?.id ?? ""),
            "status": "applied", "state": .string(response.order?.state ?? ""),
        ]
        record.orderID = response.order?.id
        record.outcome = "accepted"
        do {
            try await inbox.recordAppliedEvent(
                event.eventID, orderNumber: orderNumber, type: event.type.rawValue, response: body.encoded(), at: now)
        } catch {
            // A retry then reaches intake again, which knows the idempotency key and applies nothing twice.
            logger.error(
                "gateway.event.record_failed", metadata: ["event.id": "\(event.eventID)", "error": "\(error)"])
        }
        return Answer(status: 200, body: body)
    }

    /// The answer given when `event` was applied before, as stored then; `nil` when it was not.
    private func earlierAnswer(to event: InboundEvent, orderNumber: String) async throws(APIError) -> Answer? {
        let applied: (orderNumber: String, response: [UInt8])?
        do {
            applied = try await inbox.appliedEvent(event.eventID)
        } catch {
            logger.error("gateway.inbox.read_failed", metadata: ["event.id": "\(event.eventID)", "error": "\(error)"])
            throw APIError.storageUnavailable
        }
        guard let applied else { return nil }
        guard applied.orderNumber == orderNumber else {
            throw APIError(
                status: 409, code: "event_id_reused",
                message: "event \(event.eventID) was applied to order \(applied.orderNumber)")
        }
        var body = JSONValue.parse(applied.response) ?? [:]
        if case .object(var members) = body {
            members["status"] = "duplicate"
            body = .object(members)
        }
        return Answer(status: 200, body: body)
    }

    /// Keeps the record of a request about to go to intake, so that it exists whatever happens
    /// next; a request the gateway cannot keep is not forwarded at all.
    func keepBeforeForwarding(_ record: inout Inbox.Record) async throws(APIError) {
        record.outcome = Inbox.forwarding
        do {
            record.id = try await inbox.keep(record)
        } catch {
            logger.error(
                "gateway.inbox.write_failed", metadata: ["error": "\(error)", "endpoint": "\(record.endpoint)"])
            throw APIError.storageUnavailable
        }
    }

    /// Intake's error as the caller hears it, and what the inbox keeps of it.
    private func answer(to error: RPCError, orderNumber: String, record: inout Inbox.Record) -> Answer {
        let refusal = Self.translate(error, orderNumber: orderNumber)
        let uncertain = refusal == APIError.notKnownToBeStored
        record.outcome = uncertain ? Inbox.uncertain : refusal.code
        if uncertain {
            logger.warning(
                "gateway.intake.uncertain", metadata: ["order.number": "\(orderNumber)", "error": "\(error)"])
        }
        return Answer(refusal)
    }
}

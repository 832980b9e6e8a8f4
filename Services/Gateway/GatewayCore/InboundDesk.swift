import Domain
import Foundation
import Logging
import PlatformAdapter
import RPC
import WireProtocol

/// What the inbound endpoints do, apart from HTTP: verify, read, hand to intake, keep the record,
/// and answer. A refused request changes nothing but its own inbox record.
struct InboundDesk: Sendable {
    /// The endpoint a request came to.
    enum Endpoint: Sendable {
        case platformOrder
        case platformEvent(orderNumber: String)
        case hotline12333Order

        var channel: WorkOrder.Channel { if case .hotline12333Order = self { .hotline12333 } else { .hotline12345 } }

        var name: String {
            switch self {
            case .platformOrder: "POST \(PlatformAPI.ordersPath)"
            case .platformEvent: "POST \(PlatformAPI.ordersPath)/{order_no}/events"
            case .hotline12333Order: "POST \(PlatformAPI.hotline12333OrdersPath)"
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
    let logger: Logger

    /// The headers kept in the inbox with the body.
    static let recordedHeaders = ["content-type", "content-length", "user-agent", "x-forwarded-for"] + PlatformSignature.Header.all.map { $0.lowercased() }

    /// Handles one request. `body` is `nil` when it was larger than the limit.
    func handle(_ endpoint: Endpoint, target: String, headers: [String: String], body: [UInt8]?, now: Date) async -> Answer {
        var record = Inbox.Record(
            receivedAt: now, endpoint: endpoint.name, appKey: headers[PlatformSignature.Header.appKey.lowercased()] ?? "",
            headers: headers.filter { Self.recordedHeaders.contains($0.key) }, body: body ?? [],
            verification: "not_checked", outcome: "", httpStatus: 0
        )
        if case .platformEvent(let number) = endpoint { record.orderNumber = number }
        let answer: Answer
        do throws(APIError) {
            guard let body else { throw APIError.bodyTooLarge(limit: maximumBodyBytes) }
            let authenticator = endpoint.channel == .hotline12333 ? hotline12333Authenticator : platformAuthenticator
            let appKey: String
            do {
                appKey = try authenticator.authenticate(
                    method: "POST", target: target, header: { headers[$0.lowercased()] }, body: body, now: now)
            } catch {
                record.verification = error.code
                throw error
            }
            record.verification = "verified"
            guard let json = JSONValue.parse(body), case .object = json else { throw APIError.malformedJSON }
            switch endpoint {
            case .platformOrder, .hotline12333Order:
                answer = try await submit(json, channel: endpoint.channel, now: now, record: &record)
            case .platformEvent(let number):
                answer = try await applyEvent(json, orderNumber: number, appKey: appKey, now: now, record: &record)
            }
        } catch {
            answer = Answer(error)
            record.outcome = error.code
        }
        record.httpStatus = answer.status
        do {
            try inbox.record(record)
        } catch {
            // The request was handled; losing its audit copy must be loud but not undo it.
            logger.error("gateway.inbox.write_failed", metadata: ["error": "\(error)", "endpoint": "\(endpoint.name)"])
        }
        logger.log(
            level: answer.status < 400 ? .debug : .notice, "gateway.inbound",
            metadata: [
                "http.endpoint": "\(endpoint.name)", "http.status": "\(answer.status)", "inbox.verification": "\(record.verification)",
                "inbox.outcome": "\(record.outcome)", "order.number": "\(record.orderNumber ?? "")",
            ]
        )
        return answer
    }

    private func submit(_ json: JSONValue, channel: WorkOrder.Channel, now: Date, record: inout Inbox.Record) async throws(APIError) -> Answer {
        let order = try InboundOrder(json: json, channel: channel, receivedAt: now)
        record.orderNumber = order.number
        let response: SubmitOrderResponse
        do {
            response = try await intake.call("intake.submit", SubmitOrderRequest(draft: order.draft), as: SubmitOrderResponse.self, timeout: .seconds(10))
        } catch {
            throw Self.translate(error, orderNumber: order.number)
        }
        let view = response.order ?? WorkOrderView()
        record.orderID = view.id
        record.outcome = response.created ? "accepted" : "duplicate"
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
            throw APIError.invalidFields([.init(field: "order_no", code: "invalid_format", message: "1 to 64 of A-Z a-z 0-9 _ - in the path")])
        }
        let event = try InboundEvent(json: json, orderNumber: orderNumber, appKey: appKey)
        record.eventID = event.eventID
        do {
            if let applied = try inbox.appliedEvent(event.eventID) {
                guard applied.orderNumber == orderNumber else {
                    throw APIError(status: 409, code: "event_id_reused", message: "event \(event.eventID) was applied to order \(applied.orderNumber)")
                }
                record.outcome = "duplicate"
                var body = JSONValue.parse(applied.response) ?? [:]
                if case .object(var members) = body {
                    members["status"] = "duplicate"
                    body = .object(members)
                }
                return Answer(status: 200, body: body)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.internalError
        }
        let response: ApplyActionResponse
        do {
            response = try await intake.call("intake.apply", event.request, as: ApplyActionResponse.self, timeout: .seconds(10))
        } catch {
            throw Self.translate(error, orderNumber: orderNumber)
        }
        let body: JSONValue = [
            "event_id": .string(event.eventID), "order_no": .string(orderNumber), "order_id": .string(response.order?.id ?? ""),
            "status": "applied", "state": .string(response.order?.state ?? ""),
        ]
        record.orderID = response.order?.id
        record.outcome = "accepted"
        do {
            try inbox.recordAppliedEvent(event.eventID, orderNumber: orderNumber, type: event.type.rawValue, response: body.encoded(), at: now)
        } catch {
            logger.error("gateway.event.record_failed", metadata: ["event.id": "\(event.eventID)", "error": "\(error)"])
        }
        return Answer(status: 200, body: body)
    }

    /// Intake's refusals as the platform should see them.
    static func translate(_ error: RPCError, orderNumber: String) -> APIError {
        switch error.code {
        case .invalidArgument:
            let fields = error.fieldViolations.map { APIError.FieldProblem(field: jsonField($0.field), code: $0.code, message: $0.message) }
            return APIError.invalidFields(fields, message: error.message)
        case .notFound:
            return APIError.orderNotFound(orderNumber)
        case .failedPrecondition, .permissionDenied, .alreadyExists:
            return APIError.stateConflict(error.message)
        case .unavailable, .deadlineExceeded, .resourceExhausted:
            return APIError.upstreamUnavailable("intake is not answering; retry the same request later")
        default:
            return APIError.internalError
        }
    }

    /// Intake's field names (`draft.caller.phone`, `draft.platformOrderNumber`) in the adapter's terms.
    static func jsonField(_ field: String) -> String {
        var name = field.hasPrefix("draft.") ? String(field.dropFirst("draft.".count)) : field
        let renamed = [
            "platformOrderNumber": "order_no", "platform_order_number": "order_no", "handlingDeadline": "deadline",
            "handling_deadline_unix_ms": "deadline", "dispatched_at_unix_ms": "dispatched_at", "caller.idNumber": "caller.id_number",
            "enterprise.creditCode": "enterprise.credit_code", "callback_outcome": "outcome", "new_deadline_unix_ms": "new_deadline",
        ]
        name = renamed[name] ?? name
        return name
    }
}

import Foundation
import Instrumentation
import Outbox
import PlatformAdapter
import Traces
import Tracing

/// Delivers one platform message: POSTed, signed, to its path under the platform's base URL; it
/// counts as delivered only when the platform answers 2xx. A 4xx other than 401, 408 and 429
/// means the platform refuses that message itself: it is given up until someone retries it.
/// Anything else is retried; a platform that cannot be reached is probed until it answers.
struct PlatformDelivery: Sendable {
    let endpoint: HTTPEndpoint?
    let appKey: String
    let secret: String
    let client: HTTPPostClient
    let now: @Sendable () -> Date
    /// The trace of the push that brought an order in (by platform order number), which the POST's
    /// span links to: a message a person sent later is a trace of its own.
    var arrivalTrace: @Sendable (String) -> [String: String] = { _ in [:] }
    /// Records the POST's client span, whose `traceparent` goes to the platform.
    var tracer: any Tracer = InstrumentationSystem.tracer

    func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        guard let endpoint else { return .unreachable("no platform URL is configured (SUBAN_GATEWAY_PLATFORM_URL)") }
        let path = entry.message.context ?? ""
        let span = startSpan(path: path, endpoint: endpoint, arrival: entry.orderingKey.map(arrivalTrace) ?? [:])
        let result = await post(entry, path: path, to: endpoint, trace: span.context)
        span.end(result)
        return result
    }

    private func post(_ entry: OutboxEntry, path: String, to endpoint: HTTPEndpoint, trace: ServiceContext) async
        -> DeliveryResult
    {
        do {
            let response = try await client.postSigned(
                to: endpoint, path: path, body: entry.message.body, appKey: appKey, secret: secret, now: now(),
                timeout: .seconds(10),
                traceHeaders: TracePropagation.headers(for: trace, tracer: tracer))
            switch response.status {
            case 200..<300:
                return .delivered
            case 401, 408, 429:
                return .failed("platform answered \(response.status): \(Self.errorSummary(response.body))")
            case 400..<500:
                return .refused(
                    "platform refused the message (\(response.status)): \(Self.errorSummary(response.body))")
            default:
                return .failed("platform answered \(response.status): \(Self.errorSummary(response.body))")
            }
        } catch {
            return .unreachable(error.description)
        }
    }

    /// The platform's error code and message, short, for `last_error` and the log; the platform
    /// may echo an order's content, so callers' numbers are masked.
    static func errorSummary(_ body: [UInt8]) -> String {
        if let error = JSONValue.parse(body)?["error"], let code = error["code"]?.stringValue {
            return PersonalDataMask.mask(code + ((error["message"]?.stringValue).map { ": " + $0 } ?? ""))
        }
        return PersonalDataMask.mask(String(decoding: body.prefix(200), as: UTF8.self))
    }
}

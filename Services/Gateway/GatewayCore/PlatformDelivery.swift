import Foundation
import GRDB
import Logging
import PlatformAdapter

/// Delivers the platform outbox: each due message is POSTed, signed, to its path under the
/// platform's base URL, and counts as delivered only when the platform answers 2xx. A 4xx other
/// than 401, 408 and 429 means the platform refuses that message itself: it is held as failing
/// until someone retries it. Anything else is retried with backoff.
struct PlatformDelivery: Sendable {
    let outbox: PlatformOutbox
    let endpoint: HTTPEndpoint?
    let appKey: String
    let secret: String
    let client: HTTPPostClient
    let schedule: RetrySchedule
    let logger: Logger
    let now: @Sendable () -> Date
    /// Told of every attempt (entry id, delivered or not), so that tests wait on events, not time.
    var onAttempt: @Sendable (Int64, Bool) -> Void = { _, _ in }

    func deliverDue() async {
        guard let endpoint else { return }  // no platform configured: messages wait, listed as pending
        while true {
            let batch: [PlatformOutbox.Entry]
            do {
                batch = try outbox.due(at: now(), limit: 20)
            } catch {
                logger.error("gateway.platform_outbox.read_failed", metadata: ["error": "\(error)"])
                return
            }
            if batch.isEmpty { return }
            for entry in batch {
                guard await deliver(entry, to: endpoint) else { return }  // the platform is down: wait for the next tick
            }
        }
    }

    /// Returns false when the platform could not be reached at all.
    private func deliver(_ entry: PlatformOutbox.Entry, to endpoint: HTTPEndpoint) async -> Bool {
        let metadata: Logger.Metadata = ["outbox.id": "platform-\(entry.id)", "message.id": "\(entry.messageID)", "message.kind": "\(entry.kind)"]
        let outcome: (error: String, permanent: Bool)?
        var reachable = true
        do {
            let response = try await client.postSigned(
                to: endpoint, path: entry.path, body: entry.body, appKey: appKey, secret: secret, now: now(), timeout: .seconds(10))
            switch response.status {
            case 200..<300:
                outcome = nil
            case 401, 408, 429:
                outcome = ("platform answered \(response.status): \(Self.errorSummary(response.body))", false)
            case 400..<500:
                outcome = ("platform refused the message (\(response.status)): \(Self.errorSummary(response.body))", true)
            default:
                outcome = ("platform answered \(response.status): \(Self.errorSummary(response.body))", false)
            }
        } catch {
            outcome = (error.description, false)
            reachable = false
        }
        do {
            try await outbox.database.write { db in
                if let outcome {
                    try outbox.table.markFailed(entry.id, error: outcome.error, permanent: outcome.permanent, schedule: schedule, at: now(), in: db)
                } else {
                    try outbox.table.markDelivered(entry.id, at: now(), in: db)
                }
            }
        } catch {
            logger.error("gateway.platform_outbox.write_failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return false
        }
        onAttempt(entry.id, outcome == nil)
        if let outcome {
            logger.warning("gateway.platform_outbox.failed", metadata: metadata.merging(["error": "\(outcome.error)"]) { $1 })
        } else {
            logger.debug("gateway.platform_outbox.delivered", metadata: metadata)
        }
        return reachable
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

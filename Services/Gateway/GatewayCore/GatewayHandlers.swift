import Domain
import Foundation
import GRDB
import Logging
import RPC
import WireProtocol

/// The gateway's RPC methods: intake hands over platform messages and notifications; `subanctl
/// outbox` lists and retries what is waiting.
struct GatewayHandlers: Sendable {
    let platformOutbox: PlatformOutbox
    let emailOutbox: EmailOutbox
    /// Where unit email addresses come from (`routing.list_units`).
    let directory: RecipientDirectory
    let platformSender: OutboxSender
    let emailSender: OutboxSender
    let now: @Sendable () -> Date

    static let notificationKinds = [
        "transfer_slip", "reminder", "overdue_warning", "acknowledge_prompt", "meeting_invitation", "daily_digest",
    ]

    /// Kinds about a unit rather than one order: they carry no order id.
    static let unitNotificationKinds: Set<String> = ["daily_digest"]

    func router() -> RPCRouter {
        var router = RPCRouter()
        router.register("gateway.enqueue_platform_message") { (request: EnqueuePlatformMessageRequest, _) in try enqueue(request) }
        router.register("gateway.notify") { (request: NotifyRequest, context) in try await notify(request, context) }
        router.register("gateway.list_outbox") { (request: ListOutboxRequest, _) in try list(request) }
        router.register("gateway.retry_outbox") { (request: RetryOutboxRequest, _) in try retry(request) }
        return router
    }

    /// Stored before the answer, so that intake may forget it once it hears back.
    func enqueue(_ request: EnqueuePlatformMessageRequest) throws -> EnqueuePlatformMessageResponse {
        guard let message = request.message else {
            throw RPCError(.invalidArgument, "message is required", fieldViolations: [FieldViolation(field: "message", code: "required", message: "required")])
        }
        let enqueued = try platformOutbox.enqueue(message, at: now())
        if enqueued { platformSender.wakeUp() }
        return EnqueuePlatformMessageResponse(enqueued: enqueued)
    }

    func notify(_ request: NotifyRequest, _ context: ServerContext) async throws -> NotifyResponse {
        guard let notification = request.notification else {
            throw RPCError(.invalidArgument, "notification is required", fieldViolations: [FieldViolation(field: "notification", code: "required", message: "required")])
        }
        var violations: [FieldViolation] = []
        var required = [("notification_id", notification.notificationId), ("subject", notification.subject), ("body", notification.body)]
        if !Self.unitNotificationKinds.contains(notification.kind) { required.append(("order_id", notification.orderId)) }
        for (field, value) in required where value.allSatisfy(\.isWhitespace) {
            violations.append(FieldViolation(field: "notification.\(field)", code: "required", message: "required"))
        }
        if !Self.notificationKinds.contains(notification.kind) {
            violations.append(FieldViolation(field: "notification.kind", code: "unknown_value", message: "one of \(Self.notificationKinds.joined(separator: ", "))"))
        }
        for (index, address) in notification.recipients.enumerated() where !EmailAddress.isValid(address) {
            violations.append(FieldViolation(field: "notification.recipients[\(index)]", code: "invalid_format", message: "not an email address"))
        }
        if notification.recipients.isEmpty, notification.unit.isEmpty {
            violations.append(FieldViolation(field: "notification.unit", code: "required", message: "a unit, or recipients"))
        }
        if !violations.isEmpty { throw RPCError(.invalidArgument, "the notification is incomplete", fieldViolations: violations) }
        var recipients = notification.recipients
        var unresolved: RPCError?
        if recipients.isEmpty {
            do {
                recipients = try await directory.recipients(of: notification.unit, kind: notification.kind, timeout: context.remainingTimeout)
            } catch {
                guard RecipientDirectory.isDirectoryAnswer(error) else { throw error }
                // Kept, visibly failing, rather than lost: fixing the directory and retrying sends it.
                unresolved = error
            }
        }
        let now = now()
        guard let id = try emailOutbox.enqueue(notification, recipients: recipients, at: now) else { return NotifyResponse(enqueued: false) }
        if let unresolved {
            try await emailOutbox.database.write { db in
                try emailOutbox.table.markFailed(id, error: unresolved.message, permanent: true, schedule: RetrySchedule(initial: .seconds(1), maximum: .seconds(1), failingAfter: 1), at: now, in: db)
            }
        } else {
            emailSender.wakeUp()
        }
        return NotifyResponse(enqueued: true)
    }

    func list(_ request: ListOutboxRequest) throws -> ListOutboxResponse {
        var state: OutboxTable.State?
        if !request.state.isEmpty {
            guard let parsed = OutboxTable.State(rawValue: request.state) else {
                throw RPCError(.invalidArgument, "unknown state", fieldViolations: [FieldViolation(field: "state", code: "unknown_value", message: "pending, failing or delivered")])
            }
            state = parsed
        }
        let entries = try platformOutbox.database.read { db in
            try platformOutbox.table.entries(state: state, limit: 500, in: db) + emailOutbox.table.entries(state: state, limit: 500, in: db)
        }
        return ListOutboxResponse(entries: entries.sorted { $0.createdUnixMs < $1.createdUnixMs })
    }

    /// Retries one entry (`platform-12`, `email-3`) or every failing entry of both outboxes.
    func retry(_ request: RetryOutboxRequest) throws -> RetryOutboxResponse {
        let now = now()
        guard !request.id.isEmpty else {
            let retried = try platformOutbox.database.write { db in
                try platformOutbox.table.retry(nil, at: now, in: db) + emailOutbox.table.retry(nil, at: now, in: db)
            }
            platformSender.wakeUp()
            emailSender.wakeUp()
            return RetryOutboxResponse(retried: UInt32(retried))
        }
        let parts = request.id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let name = OutboxTable.Name(rawValue: String(parts[0])), let id = Int64(parts[1]) else {
            throw RPCError(.invalidArgument, "bad entry id", fieldViolations: [FieldViolation(field: "id", code: "invalid_format", message: "platform-N or email-N")])
        }
        let table = name == .platform ? platformOutbox.table : emailOutbox.table
        let retried = try platformOutbox.database.write { db -> Int in
            switch try table.state(of: id, in: db) {
            case nil: throw RPCError(.notFound, "no outbox entry \(request.id)")
            case .delivered?: throw RPCError(.failedPrecondition, "\(request.id) was delivered; it is not sent twice")
            default: return try table.retry(id, at: now, in: db)
            }
        }
        (name == .platform ? platformSender : emailSender).wakeUp()
        return RetryOutboxResponse(retried: UInt32(retried))
    }
}

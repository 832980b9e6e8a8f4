import Domain
import Foundation
import GRDB
import Identity
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The gateway's RPC methods: intake hands over platform messages and notifications; `subanctl
/// outbox` lists and retries what is waiting.
struct GatewayHandlers: Sendable {
    let platformOutbox: PlatformOutbox
    let emailOutbox: EmailOutbox
    /// Where unit email addresses come from (`routing.list_units`).
    let directory: RecipientDirectory
    let sender: GatewayOutbox.Sender
    let now: @Sendable () -> Date

    /// Kinds about a unit rather than one order: they carry no order id.
    static let unitNotificationKinds: Set<String> = ["daily_digest"]

    /// The services hand over messages; the desk and the administrator watch and retry the outboxes.
    func router(gate: CredentialGate) -> GuardedRouter {
        var router = GuardedRouter(gate: gate)
        let operators: Set<Role> = [.bureauDesk, .administrator]
        router.register(Wire.Gateway.enqueuePlatformMessage, roles: [.system]) {
            (request: Wire.EnqueuePlatformMessageRequest, _, _) in
            try enqueue(request)
        }
        router.register(Wire.Gateway.enqueueArticleMessage, roles: [.system]) {
            (request: Wire.EnqueueArticleMessageRequest, _, _) in
            try enqueueArticle(request)
        }
        router.register(Wire.Gateway.notify, roles: [.system]) { (request: Wire.NotifyRequest, context, _) in
            try await notify(request, context)
        }
        router.register(Wire.Gateway.listOutbox, roles: operators) { (request: Wire.ListOutboxRequest, _, _) in
            try await list(request)
        }
        router.register(Wire.Gateway.retryOutbox, roles: operators) { (request: Wire.RetryOutboxRequest, _, _) in
            try await retry(request)
        }
        return router
    }

    /// Stored before the answer, so that intake may forget it once it hears back.
    func enqueue(_ request: Wire.EnqueuePlatformMessageRequest) throws -> Wire.EnqueuePlatformMessageResponse {
        Wire.EnqueuePlatformMessageResponse(enqueued: try store(request.message, platformOutbox.enqueue))
    }

    /// A change of one of the bureau's articles, stored before the answer like an order's message.
    func enqueueArticle(_ request: Wire.EnqueueArticleMessageRequest) throws -> Wire.EnqueueArticleMessageResponse {
        Wire.EnqueueArticleMessageResponse(enqueued: try store(request.message, platformOutbox.enqueue))
    }

    /// Stores a message for the platform with `enqueue` and wakes the sender for it; whether it is new.
    private func store<Message>(_ message: Message?, _ enqueue: (Message, Date) throws -> Bool) throws -> Bool {
        guard let message else {
            throw RPCError(
                .invalidArgument, "message is required",
                fieldViolations: [FieldViolation(field: "message", code: "required", message: "required")])
        }
        let enqueued = try enqueue(message, now())
        if enqueued { sender.wakeUp() }
        return enqueued
    }

    func notify(_ request: Wire.NotifyRequest, _ context: ServerContext) async throws -> Wire.NotifyResponse {
        guard let notification = request.notification else {
            throw RPCError(
                .invalidArgument, "notification is required",
                fieldViolations: [FieldViolation(field: "notification", code: "required", message: "required")])
        }
        var violations: [FieldViolation] = []
        var required = [
            ("notification_id", notification.notificationId), ("subject", notification.subject),
            ("body", notification.body),
        ]
        if !Self.unitNotificationKinds.contains(notification.kind) {
            required.append(("order_id", notification.orderId))
        }
        for (field, value) in required where value.allSatisfy(\.isWhitespace) {
            violations.append(FieldViolation(field: "notification.\(field)", code: "required", message: "required"))
        }
        if directory.ladder.rungs(for: notification.kind).isEmpty {
            violations.append(
                FieldViolation(
                    field: "notification.kind", code: "unknown_value",
                    message: "one of \(directory.ladder.kinds.joined(separator: ", "))"))
        }
        for (index, address) in notification.recipients.enumerated() where !EmailAddress.isValid(address) {
            violations.append(
                FieldViolation(
                    field: "notification.recipients[\(index)]", code: "invalid_format", message: "not an email address")
            )
        }
        if notification.recipients.isEmpty, notification.unit.isEmpty {
            violations.append(
                FieldViolation(field: "notification.unit", code: "required", message: "a unit, or recipients"))
        }
        if !violations.isEmpty {
            throw RPCError(.invalidArgument, "the notification is incomplete", fieldViolations: violations)
        }
        var recipients = notification.recipients
        var unresolved: RPCError?
        if recipients.isEmpty {
            do {
                recipients = try await directory.recipients(
                    of: notification.unit, kind: notification.kind, timeout: context.remainingTimeout)
            } catch let error where RecipientDirectory.isDirectoryAnswer(error) {
                // Kept, visibly failing, rather than lost: creating the account and retrying sends it.
                unresolved = error
            } catch {
                // Routing or the console does not answer: stored without recipients, which delivery
                // looks up once they answer, so that the console's outage does not hold intake's outbox.
                recipients = []
            }
        }
        let now = now()
        guard let id = try emailOutbox.enqueue(notification, recipients: recipients, at: now) else {
            return Wire.NotifyResponse(enqueued: false)
        }
        if let unresolved {
            try await emailOutbox.database.write { db in
                try GatewayOutbox.table.giveUp(id, attempted: false, because: unresolved.message, in: db)
            }
        } else {
            sender.wakeUp()
        }
        return Wire.NotifyResponse(enqueued: true)
    }

    func list(_ request: Wire.ListOutboxRequest) async throws -> Wire.ListOutboxResponse {
        var state: Outbox.OutboxEntry.State?
        if !request.state.isEmpty {
            guard let parsed = Outbox.OutboxEntry.State(rawValue: request.state) else {
                let states = Outbox.OutboxEntry.State.allCases.map(\.rawValue).joined(separator: ", ")
                throw RPCError(
                    .invalidArgument, "unknown state",
                    fieldViolations: [FieldViolation(field: "state", code: "unknown_value", message: states)])
            }
            state = parsed
        }
        let entries = try await sender.listing(state: state, limit: 1000, now: now().unixMilliseconds)
        return Wire.ListOutboxResponse(entries: entries.map(Self.wire))
    }

    static func wire(_ entry: Outbox.OutboxEntry) -> Wire.OutboxEntry {
        let recipients =
            entry.destination == GatewayOutbox.Destination.email.rawValue ? EmailOutbox.recipients(of: entry) : []
        return Wire.OutboxEntry(
            id: "\(entry.destination)-\(entry.id)",
            outbox: entry.destination,
            summary: entry.message.subject + (recipients.isEmpty ? "" : " → " + recipients.joined(separator: ",")),
            state: entry.state.rawValue,
            attempts: UInt32(entry.attempts),
            lastError: entry.lastError,
            createdUnixMs: entry.createdAt,
            nextAttemptUnixMs: entry.nextAttemptAt ?? 0
        )
    }

    /// Retries one entry (`platform-12`, `email-3`) or every failing or given-up entry.
    func retry(_ request: Wire.RetryOutboxRequest) async throws -> Wire.RetryOutboxResponse {
        let now = now().unixMilliseconds
        let table = GatewayOutbox.table
        guard !request.id.isEmpty else {
            let retried = try await platformOutbox.database.write { db in try table.retry(nil, at: now, in: db) }
            sender.wakeUp()
            return Wire.RetryOutboxResponse(retried: UInt32(retried))
        }
        let parts = request.id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, GatewayOutbox.Destination(rawValue: String(parts[0])) != nil, let id = Int64(parts[1])
        else {
            throw RPCError(
                .invalidArgument, "bad entry id",
                fieldViolations: [FieldViolation(field: "id", code: "invalid_format", message: "platform-N or email-N")]
            )
        }
        let retried = try await platformOutbox.database.write { db -> Int in
            guard let entry = try table.entry(id: id, in: db), entry.destination == String(parts[0]) else {
                throw RPCError(.notFound, "no outbox entry \(request.id)")
            }
            guard entry.state != .delivered else {
                throw RPCError(.failedPrecondition, "\(request.id) was delivered; it is not sent twice")
            }
            return try table.retry(id, at: now, in: db)
        }
        sender.wakeUp()
        return Wire.RetryOutboxResponse(retried: UInt32(retried))
    }
}

import Foundation
import GRDB
import Logging
import RPC

/// Delivers the email outbox over SMTP. A 5xx refusal holds the email as failing until someone
/// retries it; any other failure is retried with backoff. Nothing is dropped.
struct EmailDelivery: Sendable {
    let outbox: EmailOutbox
    /// `nil` when no SMTP host is configured: emails wait, listed as pending.
    let smtp: SMTPClient?
    let from: String
    /// Resolves the recipients of an entry stored without any (the directory had none then).
    let directory: RecipientDirectory
    let schedule: RetrySchedule
    let logger: Logger
    let now: @Sendable () -> Date
    /// Told of every attempt (entry id, delivered or not), so that tests wait on events, not time.
    var onAttempt: @Sendable (Int64, Bool) -> Void = { _, _ in }

    func deliverDue() async {
        guard let smtp else { return }
        while true {
            let batch: [EmailOutbox.Entry]
            do {
                batch = try outbox.due(at: now(), limit: 20)
            } catch {
                logger.error("gateway.email_outbox.read_failed", metadata: ["error": "\(error)"])
                return
            }
            if batch.isEmpty { return }
            for entry in batch {
                guard await deliver(entry, with: smtp) else { return }
            }
        }
    }

    /// Returns false when the server could not be reached, so that the batch waits for the next tick.
    private func deliver(_ stored: EmailOutbox.Entry, with smtp: SMTPClient) async -> Bool {
        var resolved = stored
        if stored.recipients.isEmpty {
            do {
                let recipients = try await directory.recipients(of: stored.unit, kind: stored.kind)
                try await outbox.database.write { db in try outbox.setRecipients(recipients, of: stored.id, in: db) }
                resolved.recipients = recipients
            } catch {
                let permanent = (error as? RPCError).map(RecipientDirectory.isDirectoryAnswer) ?? false
                try? await outbox.database.write { db in
                    try outbox.table.markFailed(stored.id, error: "\(error)", permanent: permanent, schedule: schedule, at: now(), in: db)
                }
                onAttempt(stored.id, false)
                return true  // the mail server was not even asked: the rest of the batch goes on
            }
        }
        let entry = resolved
        let message = EmailMessage(
            from: from, to: entry.recipients, subject: entry.subject, body: entry.body, date: entry.createdAt,
            messageID: "\(entry.notificationID.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })@\(from.split(separator: "@").last ?? "suban")"
        )
        let failure: SMTPClient.Failure?
        do {
            try await smtp.send(from: from, to: entry.recipients, message: message.rendered())
            failure = nil
        } catch {
            failure = error
        }
        let metadata: Logger.Metadata = ["outbox.id": "email-\(entry.id)", "notification.id": "\(entry.notificationID)"]
        do {
            try await outbox.database.write { db in
                if let failure {
                    try outbox.table.markFailed(entry.id, error: failure.description, permanent: failure.permanent, schedule: schedule, at: now(), in: db)
                } else {
                    try outbox.table.markDelivered(entry.id, at: now(), in: db)
                }
            }
        } catch {
            logger.error("gateway.email_outbox.write_failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return false
        }
        onAttempt(entry.id, failure == nil)
        if let failure {
            logger.warning("gateway.email_outbox.failed", metadata: metadata.merging(["error": "\(failure.description)"]) { $1 })
            return failure.permanent
        }
        logger.debug("gateway.email_outbox.delivered", metadata: metadata)
        return true
    }
}

import Domain
import Foundation
import Logging
import Outbox
import RPC

/// Delivers one email over SMTP, looking its recipients up first when it was stored without
/// (none could be found then). A 5xx refusal, or a unit no account can be mailed for, gives it
/// up until someone retries it; a mail server that cannot be reached is probed until it answers;
/// anything else is retried with backoff, a missing STARTTLS, a refused certificate or login
/// included (they concern the configuration, not the email). Nothing is dropped.
struct EmailDelivery: Sendable {
    let outbox: EmailOutbox
    /// `nil` when no SMTP host is configured: emails wait, listed as pending.
    let smtp: SMTPClient?
    let from: String
    let directory: RecipientDirectory
    let logger: Logger

    func deliver(_ entry: OutboxEntry) async -> DeliveryResult {
        guard let smtp else { return .unreachable("no SMTP server is configured (SUBAN_SMTP_HOST)") }
        let mail: EmailOutbox.Mail
        do {
            mail = try EmailOutbox.mail(of: entry)
        } catch {
            return .refused("the stored email cannot be read: \(error)")
        }
        var recipients = EmailOutbox.recipients(of: entry)
        if recipients.isEmpty {
            do {
                recipients = try await directory.recipients(of: mail.unit, kind: mail.kind)
                try await outbox.setRecipients(recipients, of: entry.id)
            } catch let error as RPCError {
                return RecipientDirectory.isDirectoryAnswer(error)
                    ? .refused(error.message) : .failed("recipients: \(error)")
            } catch {
                return .failed("\(error)")
            }
        }
        let never = recipients.filter(EmailAddress.isNeverDelivered)
        if !never.isEmpty {
            // Sent all the same (a test's mail sink takes it), but never silently: a real server drops it.
            logger.warning(
                "gateway.mail.undeliverable_recipients",
                metadata: [
                    "notification.unit": "\(mail.unit)", "recipients": "\(never.joined(separator: ","))",
                    "hint":
                        "addresses at reserved example domains are never delivered; give these accounts real ones (subanctl accounts update --email)",
                ]
            )
        }
        let message = EmailMessage(
            from: from, to: recipients, subject: mail.subject, body: mail.body,
            date: Date(timeIntervalSince1970: Double(entry.createdAt) / 1000),
            messageID:
                "\(mail.notificationID.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })@\(from.split(separator: "@").last ?? "suban")"
        )
        do throws(SMTPClient.Failure) {
            try await smtp.send(from: from, to: recipients, message: message.rendered())
            return .delivered
        } catch {
            if error.permanent { return .refused(error.description) }
            return error.connected ? .failed(error.description) : .unreachable(error.description)
        }
    }
}

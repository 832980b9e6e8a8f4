import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Sends yesterday's digest every day at a fixed Beijing time (default 08:00), and at start when
/// that time has passed today and the digest has not gone out (a restart overnight loses nothing;
/// the digest_sent table keeps it from going out twice).
final class DigestScheduler: Service {
    /// Minutes after local midnight.
    let sendMinute: Int
    private let assessment: AssessmentDesk
    private let logger: Logger

    init(sendMinute: Int, assessment: AssessmentDesk, logger: Logger) {
        self.sendMinute = sendMinute
        self.assessment = assessment
        self.logger = logger
    }

    /// The next instant at which a digest is due, strictly after `now`.
    static func nextSend(after now: Date, sendMinute: Int) -> Date {
        let today = LocalDate(containing: now)
        let todays = today.startInstant.addingTimeInterval(Double(sendMinute) * 60)
        return todays > now ? todays : todays.addingTimeInterval(86_400)
    }

    /// The day whose digest is due at `now`: yesterday once today's send time has passed.
    static func dueDay(at now: Date, sendMinute: Int) -> LocalDate {
        let today = LocalDate(containing: now)
        let sendsToday = today.startInstant.addingTimeInterval(Double(sendMinute) * 60)
        return today.addingClamped(days: now >= sendsToday ? -1 : -2)
    }

    func run() async throws {
        while !Task.isCancelled {
            let now = Date()
            sendIfDue(Self.dueDay(at: now, sendMinute: sendMinute), now: now)
            let wait = Self.nextSend(after: now, sendMinute: sendMinute).timeIntervalSince(now)
            // Cancelled at graceful shutdown; a daily job has nothing in flight to finish.
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
        }
    }

    private func sendIfDue(_ day: LocalDate, now: Date) {
        do {
            guard try !assessment.digestSent(of: day) else { return }
            let queued = try assessment.queueDigest(of: day, resend: false, skipQuiet: true, now: now)
            logger.info(
                "assessment.digest.queued", metadata: ["digest.day": "\(day)", "digest.notifications": "\(queued)"])
        } catch {
            logger.error("assessment.digest.failed", metadata: ["digest.day": "\(day)", "error": "\(error)"])
        }
    }
}

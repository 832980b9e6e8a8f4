public import Domain
public import Foundation

/// The deadline the simulated platform grants on an extension request (延期申请), valid for any
/// order, whether or not the simulator pushed it.
///
/// Suban takes a granted deadline only when it lies strictly after the order's current deadline
/// (intake: `extensionNotLater`, answered `422 invalid_fields [new_deadline]`), and its SLA service
/// moves the handling clock only up to one calendar month beyond the original deadline (the cap).
/// Intake checked, when the unit filed the request, that `days` working days counted from the
/// current deadline stay within that cap (`sla.extend_clock` dry run).
///
/// - With the current deadline known (the simulator pushed the order, or granted its last
///   extension): `days` working days from it, on the same calendar and by the same rule the SLA
///   service counts them — after the current deadline and within the cap by that check.
/// - Unknown (another process pushed it, or the simulator restarted since): one calendar month
///   from the day the request was filed (`occurred_at`, else now), moved to the next working day.
///   A request is filed before the deadline, so for a first extension that date is within the cap
///   (one month beyond the deadline); and it is after the current deadline whenever that deadline
///   is less than a month from the request, as every deadline of the simulator's orders is.
///
/// Granting "now + 7 calendar days" — what the simulator did before — fell before the deadline of
/// any order it had not pushed itself (its pushes set ten days, the policy default is 13 working
/// days) and was refused with 422.
public enum ExtensionGrant {
    public enum Basis: String, Sendable {
        /// Counted from the known current deadline.
        case currentDeadline = "current deadline"
        /// One month from the request, the deadline being unknown.
        case requestDate = "request date"
    }

    public static func deadline(
        days: Int, currentDeadline: Date?, requestedAt: Date?, now: Date = Date(),
        calendar: WorkingDayCalendar = .shipped
    ) -> (deadline: Date, basis: Basis) {
        if let currentDeadline, days >= 1,
            // "24:00 of day D" is 00:00 of D + 1: a millisecond earlier is day D, from which to count.
            let counted = try? calendar.deadline(workingDays: days, from: currentDeadline.addingTimeInterval(-0.001))
        {
            return (counted.instant, .currentDeadline)
        }
        let filed = requestedAt ?? now
        if let month = try? calendar.deadline(months: 1, from: filed) { return (month.instant, .requestDate) }
        return (filed.addingTimeInterval(30 * 86_400), .requestDate)
    }
}

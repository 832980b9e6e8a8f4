import WireProtocol

@testable import ConsoleWeb

/// A joint-handling case led by the employment office with the unemployment insurance center, as
/// coordination would answer it, and the people who look at it.
enum CoordinationFixtures {
    static let lead = "employment_office"
    static let partner = "unemployment_insurance_center"

    static func meeting(
        _ number: UInt32, state: String = "scheduled", start: Int64, minutes: Int64 = 60,
        units: [String] = [lead, partner],
        conflicts: [Wire.ConflictingMeeting] = []
    ) -> Wire.MeetingView {
        Wire.MeetingView(
            id: "CC-20261205-001/meeting/\(number)", number: number, state: state, startsAtUnixMs: start,
            endsAtUnixMs: start + minutes * 60_000, place: "局三楼会议室", agenda: "研究待遇衔接", invitedUnits: units,
            scheduledBy: "desk.office", conflicts: conflicts)
    }

    static func coordinationCase(
        state: String, track: String = "regular", meetings: [Wire.MeetingView] = [], items: [Wire.ActionItemView] = []
    ) -> Wire.CoordinationCaseView {
        Wire.CoordinationCaseView(
            id: "CC-20261205-001", orderId: "WO-1", platformOrderNumber: "N-1", handlingMode: "joint_handling",
            track: track,
            state: state, leadUnit: lead, participatingUnits: [partner], coordinator: "张协调", meetings: meetings,
            actionItems: items)
    }

    static func item(_ number: UInt32, owner: String, state: String = "open") -> Wire.ActionItemView {
        Wire.ActionItemView(
            id: "CC-20261205-001/action/\(number)", number: number, meetingId: "CC-20261205-001/meeting/1",
            ownerUnit: owner,
            what: "办理登记手续", dueWorkingDays: 3, dueDay: "2026-12-10", state: state)
    }

    static func staff(_ roles: [String], unit: String) -> SignedInStaff {
        PageSafetyTests.staff(roles: roles, unit: unit)
    }

    /// 2026-12-05 09:30 in Beijing.
    static let morning: Int64 = 1_796_434_200_000
}

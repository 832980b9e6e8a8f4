import Foundation

/// Two active meetings that share an invited unit and overlap in time: one unit cannot sit in both. Conflicts
/// are flagged to whoever schedules, not refused — the unit may send two people, or the organiser moves one.
public struct MeetingConflict: Sendable, Hashable, Codable {
    /// The other meeting.
    public var meetingID: String
    public var caseID: String
    /// The units invited to both, in the order of the meeting being checked.
    public var units: [String]
    public var slot: Meeting.Slot

    public init(meetingID: String, caseID: String, units: [String], slot: Meeting.Slot) {
        self.meetingID = meetingID
        self.caseID = caseID
        self.units = units
        self.slot = slot
    }

    /// A meeting as conflict detection sees it: which case it belongs to, when, and who is invited.
    public struct Candidate: Sendable, Hashable {
        public var meetingID: String
        public var caseID: String
        public var slot: Meeting.Slot
        public var units: [String]
        /// Only scheduled and rescheduled meetings can conflict: a held or cancelled one is no longer ahead.
        public var isPending: Bool

        public init(meetingID: String, caseID: String, slot: Meeting.Slot, units: [String], isPending: Bool = true) {
            self.meetingID = meetingID
            self.caseID = caseID
            self.slot = slot
            self.units = units
            self.isPending = isPending
        }

        public init(_ meeting: Meeting, caseID: String) {
            self.init(
                meetingID: meeting.id, caseID: caseID, slot: meeting.slot, units: meeting.invitedUnits,
                isPending: meeting.isPending)
        }
    }

    /// The conflicts of `meeting` with `others`, earliest first: every other pending meeting whose time overlaps
    /// and that invites at least one of the same units. A meeting never conflicts with itself.
    public static func conflicts(of meeting: Candidate, among others: [Candidate]) -> [MeetingConflict] {
        guard meeting.isPending else { return [] }
        return others.compactMap { other -> MeetingConflict? in
            guard other.isPending, other.meetingID != meeting.meetingID, other.slot.overlaps(meeting.slot) else {
                return nil
            }
            let shared = meeting.units.filter(other.units.contains)
            guard !shared.isEmpty else { return nil }
            return MeetingConflict(meetingID: other.meetingID, caseID: other.caseID, units: shared, slot: other.slot)
        }
        .sorted { ($0.slot.start, $0.meetingID) < ($1.slot.start, $1.meetingID) }
    }
}

import Domain
import Foundation
import Testing

/// Conflict detection: the same unit invited to two pending meetings whose times overlap.
@Suite struct MeetingConflictTests {
    typealias F = CoordinationFixtures
    typealias Candidate = MeetingConflict.Candidate

    static func slot(_ from: String, _ to: String) -> Meeting.Slot {
        Meeting.Slot(start: F.at("2025-09-30T\(from):00+08:00"), end: F.at("2025-09-30T\(to):00+08:00"))
    }

    static let meeting = Candidate(
        meetingID: "CC-1/meeting/1", caseID: "CC-1", slot: slot("10:00", "12:00"), units: ["a", "b", "c"])

    @Test func anOverlapWithASharedUnitIsAConflict() {
        let other = Candidate(
            meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: Self.slot("11:30", "13:00"), units: ["x", "c", "b"])
        #expect(
            MeetingConflict.conflicts(of: Self.meeting, among: [other]) == [
                MeetingConflict(meetingID: "CC-2/meeting/1", caseID: "CC-2", units: ["b", "c"], slot: other.slot)
            ])
    }

    @Test(arguments: [
        (
            "back to back",
            Candidate(meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: slot("12:00", "13:00"), units: ["a"])
        ),
        (
            "ended before",
            Candidate(meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: slot("08:00", "10:00"), units: ["a"])
        ),
        (
            "no shared unit",
            Candidate(meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: slot("10:00", "12:00"), units: ["x", "y"])
        ),
        (
            "cancelled or held",
            Candidate(
                meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: slot("10:00", "12:00"), units: ["a"],
                isPending: false)
        ),
        ("itself", Candidate(meetingID: "CC-1/meeting/1", caseID: "CC-1", slot: slot("10:00", "12:00"), units: ["a"])),
    ])
    func noConflict(_ why: String, _ other: Candidate) {
        #expect(MeetingConflict.conflicts(of: Self.meeting, among: [other]).isEmpty, "\(why)")
    }

    @Test func aMeetingInsideAnotherAndOneAroundItBothConflictEarliestFirst() {
        let inside = Candidate(
            meetingID: "CC-3/meeting/2", caseID: "CC-3", slot: Self.slot("10:30", "11:00"), units: ["a"])
        let around = Candidate(
            meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: Self.slot("09:00", "15:00"), units: ["c"])
        let sameCase = Candidate(
            meetingID: "CC-1/meeting/2", caseID: "CC-1", slot: Self.slot("11:59", "12:30"), units: ["b"])
        #expect(
            MeetingConflict.conflicts(of: Self.meeting, among: [inside, sameCase, around]).map(\.meetingID) == [
                "CC-2/meeting/1", "CC-3/meeting/2", "CC-1/meeting/2",
            ])
    }

    @Test func aMeetingNoLongerPendingHasNoConflicts() {
        var held = Self.meeting
        held.isPending = false
        let other = Candidate(
            meetingID: "CC-2/meeting/1", caseID: "CC-2", slot: Self.slot("10:00", "12:00"), units: ["a"])
        #expect(MeetingConflict.conflicts(of: held, among: [other]).isEmpty)
    }

    @Test func candidatesComeFromMeetings() throws {
        let coordination = try F.caseIn(.meetingScheduled)
        let candidate = Candidate(coordination.meetings[0], caseID: coordination.id)
        #expect(candidate.units == [F.lead, F.partner] && candidate.isPending && candidate.slot == F.meetingSlot)
    }
}

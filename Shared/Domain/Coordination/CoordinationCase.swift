public import Foundation

/// The coordination of one work order that several units handle together (即时协办, notice section 三.4) or that
/// the business-environment task force takes on as a difficult green-channel request (notice section 四): the
/// lead unit, the units it works with, the coordinator the leaders designated (指定专人) and their instruction
/// (批示), the coordination meetings (协调会), the action items those meetings decided, and the result the lead
/// unit compiles (汇总) into the order's draft reply.
///
/// Everything after opening changes only through ``apply(_:by:at:calendar:)``, so that the case's event log is
/// the whole story of the coordination.
public struct CoordinationCase: Sendable, Hashable, Codable, Identifiable {
    /// Suban's id of the case, e.g. `CC-20261127-001`.
    public let id: String
    /// The coordinated work order (intake's id).
    public let orderID: String
    /// The platform's number of the order, for people.
    public let platformOrderNumber: String
    /// The order's handling mode when the case opened.
    public let handlingMode: WorkOrder.HandlingMode?
    public let track: WorkOrder.Track
    /// The order's first responsible unit: it organises, compiles the result and replies.
    public let leadUnit: String
    /// The other units taking part, without the lead unit.
    public internal(set) var participatingUnits: [String]
    /// Who the leaders designated to coordinate (指定专人), as an account id or a name.
    public internal(set) var coordinator: String
    public internal(set) var instruction: LeaderInstruction?
    public let openedBy: WorkOrder.Actor
    public let openedAt: Date
    public internal(set) var updatedAt: Date
    public internal(set) var state: State
    /// Meetings in the order they were scheduled; meeting `n` is `meetings[n - 1]`.
    public internal(set) var meetings: [Meeting]
    /// Action items in the order they were added; item `n` is `actionItems[n - 1]`.
    public internal(set) var actionItems: [ActionItem]
    /// The latest compiled result, once compiled.
    public internal(set) var compilation: Compilation?
    public internal(set) var cancellationReason: String?
    /// Sequence number of the last event; the next event gets this plus one.
    public internal(set) var lastSequence: Int
    /// Display names of unit codes (routing's directory), used in the compiled text; codes without a name are
    /// written as they are.
    public var unitNames: [String: String]

    /// The leaders' instruction on a joint-handling order (报主管领导及主要领导批示).
    public struct LeaderInstruction: Sendable, Hashable, Codable {
        /// Who instructed, as an account id or a name.
        public var leader: String
        public var text: String

        public init(leader: String, text: String) {
            self.leader = leader
            self.text = text
        }
    }

    /// The lead unit first, then the participating units.
    public var units: [String] { [leadUnit] + participatingUnits }

    public var isGreenChannel: Bool { track == .greenChannel }

    /// Neither compiled nor cancelled: the task force's "open" cases.
    public var isActive: Bool { state != .compiled && state != .cancelled }

    /// The meeting numbered `number` (1-based).
    public func meeting(number: Int) -> Meeting? {
        meetings.indices.contains(number - 1) ? meetings[number - 1] : nil
    }

    /// The action item numbered `number` (1-based).
    public func actionItem(number: Int) -> ActionItem? {
        actionItems.indices.contains(number - 1) ? actionItems[number - 1] : nil
    }

    /// Scheduled or rescheduled meetings, earliest first.
    public var upcomingMeetings: [Meeting] {
        meetings.filter(\.isPending).sorted { $0.start < $1.start }
    }

    /// Open action items past their due date at `time`.
    public func overdueActionItems(at time: Date) -> [ActionItem] {
        actionItems.filter { $0.isOverdue(at: time) }
    }

    /// The display name of a unit code, or the code itself.
    public func name(ofUnit code: String) -> String {
        unitNames[code] ?? code
    }

    /// The id of the case's meeting `number`.
    public static func meetingID(caseID: String, number: Int) -> String { "\(caseID)/meeting/\(number)" }

    /// The id of the case's action item `number`, which is also the id of its SLA clock.
    public static func actionItemID(caseID: String, number: Int) -> String { "\(caseID)/action/\(number)" }

    /// Splits `<case id>/meeting/<n>` or `<case id>/action/<n>` into the case id and the number.
    public static func parse(_ id: String, kind: String) -> (caseID: String, number: Int)? {
        let marker = "/\(kind)/"
        guard let range = id.range(of: marker, options: .backwards), let number = Int(id[range.upperBound...]),
            number >= 1, range.lowerBound > id.startIndex
        else { return nil }
        return (String(id[..<range.lowerBound]), number)
    }
}

public import Foundation

extension CoordinationCase {
    /// Where a case stands. Every state but `compiled` and `cancelled` follows from the case's meetings and
    /// action items (see ``CoordinationCase/phase``); the transition table says which moves an action may make.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// Opened; no meeting scheduled or held yet.
        case open
        /// A meeting is scheduled and none has been held.
        case meetingScheduled = "meeting_scheduled"
        /// A meeting was held; minutes, action items or further meetings are outstanding.
        case inProgress = "in_progress"
        /// Every meeting held has minutes, no meeting is pending, every action item is done.
        case readyToCompile = "ready_to_compile"
        /// The lead unit compiled the result into the order's draft reply.
        case compiled
        /// Called off with a reason; nothing more happens.
        case cancelled

        public var description: String { rawValue }
    }

    /// Compilation of the result (汇总): the reply text as handed to intake, and who compiled it when.
    public struct Compilation: Sendable, Hashable, Codable {
        public var text: String
        public var result: WorkOrder.ResultCode
        /// The lead unit's own words that open the text, if any.
        public var summary: String?
        public var compiledBy: WorkOrder.Actor
        public var compiledAt: Date
        /// 1 for the first compilation; a recompilation (after the desk or the platform sent the reply back)
        /// counts up.
        public var round: Int

        public init(
            text: String, result: WorkOrder.ResultCode, summary: String?, compiledBy: WorkOrder.Actor,
            compiledAt: Date, round: Int
        ) {
            self.text = text
            self.result = result
            self.summary = summary
            self.compiledBy = compiledBy
            self.compiledAt = compiledAt
            self.round = round
        }
    }
}

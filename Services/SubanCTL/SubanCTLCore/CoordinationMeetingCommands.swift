import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl meeting`: coordination meetings (协调会) of a case — schedule, move, call off, record who came and
/// the minutes with their decisions. Invitations go out through the gateway; overlapping meetings of a unit are
/// printed as conflicts.
struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Coordination meetings (协调会): schedule, reschedule, cancel, attend, minutes.",
        subcommands: [Schedule.self, Reschedule.self, Cancel.self, Attend.self, Minutes.self]
    )

    /// When a meeting runs, as typed: `--start` and either `--end` or `--duration`.
    struct Times: ParsableArguments {
        @Option(help: "Start: YYYY-MM-DD HH:MM (Asia/Shanghai) or ISO 8601 with an offset.") var start: String
        @Option(help: "End: HH:MM on the start's day, or a full time like --start.") var end: String?
        @Option(help: "Length in minutes, instead of --end.") var duration: Int?

        func validate() throws {
            guard CoordinationTime.parse(start) != nil else {
                throw ValidationError("--start \(start): expected YYYY-MM-DD HH:MM")
            }
            if end != nil && duration != nil { throw ValidationError("give --end or --duration, not both") }
            if let end, CoordinationTime.parse(end, sameDayAs: start) == nil {
                throw ValidationError("--end \(end): expected HH:MM or YYYY-MM-DD HH:MM")
            }
            if let duration, !(1...720).contains(duration) {
                throw ValidationError("--duration must be 1...720 minutes")
            }
        }

        /// The slot in Unix milliseconds; without `--end` or `--duration`, `defaultMinutes` long.
        func slot(defaultMinutes: Int) throws -> (start: Int64, end: Int64) {
            guard let from = CoordinationTime.parse(start) else {
                throw ValidationError("--start \(start): expected YYYY-MM-DD HH:MM")
            }
            let to =
                end.flatMap { CoordinationTime.parse($0, sameDayAs: start) }
                ?? from.addingTimeInterval(Double(duration ?? defaultMinutes) * 60)
            return (CoordinationTime.milliseconds(from), CoordinationTime.milliseconds(to))
        }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call a meeting and invite units; the lead unit is always invited.")
        @Argument(help: "The case.") var caseID: String
        @OptionGroup var actor: ActingRole
        @OptionGroup var times: Times
        @Option(help: "Where.") var place = ""
        @Option(help: "A video or phone conference link.") var link = ""
        @Option(help: "What the meeting is to settle.") var agenda: String
        @Option(name: .customLong("invite"), help: "An invited unit (repeatable).") var units: [String]
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let slot = try times.slot(defaultMinutes: 60)
            let request = Wire.ScheduleMeetingRequest(
                caseId: caseID, actor: actor.actor, startsAtUnixMs: slot.start, endsAtUnixMs: slot.end, place: place,
                callLink: link, agenda: agenda, invitedUnits: units
            )
            try MeetingCommand.print(
                try await service.call(.coordination, Wire.Coordination.scheduleMeeting, request), service.output)
        }
    }

    struct Reschedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a meeting to another time (and place), with the reason.")
        @Argument(help: "The meeting, e.g. CC-20261127-001/meeting/1.") var meeting: String
        @OptionGroup var actor: ActingRole
        @OptionGroup var times: Times
        @Option(help: "A new place.") var place = ""
        @Option(help: "A new conference link.") var link = ""
        @Option(help: "Why it moves.") var reason: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            var minutes = 60
            if times.end == nil && times.duration == nil {
                // Keep the meeting's length unless told otherwise.
                let current = try await service.call(
                    .coordination, Wire.Coordination.getCase, Wire.GetCaseRequest(id: meeting))
                if let found = current.coordinationCase?.meetings.first(where: { $0.id == meeting }) {
                    minutes = Int((found.endsAtUnixMs - found.startsAtUnixMs) / 60_000)
                }
            }
            let slot = try times.slot(defaultMinutes: minutes)
            let request = Wire.RescheduleMeetingRequest(
                meetingId: meeting, actor: actor.actor, startsAtUnixMs: slot.start, endsAtUnixMs: slot.end,
                place: place,
                callLink: link, reason: reason
            )
            try MeetingCommand.print(
                try await service.call(.coordination, Wire.Coordination.rescheduleMeeting, request), service.output)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Call a meeting off, with the reason.")
        @Argument(help: "The meeting.") var meeting: String
        @OptionGroup var actor: ActingRole
        @Option(help: "Why.") var reason: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.CancelMeetingRequest(meetingId: meeting, actor: actor.actor, reason: reason)
            try MeetingCommand.print(
                try await service.call(.coordination, Wire.Coordination.cancelMeeting, request), service.output)
        }
    }

    struct Attend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record who came; invited units not named are absent. The meeting is held from then on."
        )
        @Argument(help: "The meeting.") var meeting: String
        @OptionGroup var actor: ActingRole
        @Option(
            name: .customLong("present"),
            help: ArgumentHelp("A unit that came, with who: UNIT[=name,name] (repeatable).", valueName: "unit[=names]"))
        var present: [String] = []
        @Option(
            name: .customLong("absent"),
            help: ArgumentHelp("A unit that did not come: UNIT[=why] (repeatable).", valueName: "unit[=note]"))
        var absent: [String] = []
        @OptionGroup var service: ServiceCallOptions

        func validate() throws {
            guard !present.isEmpty else { throw ValidationError("name at least one --present unit") }
        }

        func run() async throws {
            func split(_ text: String) -> (String, String) {
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts.first ?? "", parts.count == 2 ? parts[1] : "")
            }
            let entries =
                present.map { text -> Wire.AttendanceEntry in
                    let (unit, names) = split(text)
                    return Wire.AttendanceEntry(
                        unit: unit, present: true, attendees: names.split(separator: ",").map(String.init))
                }
                + absent.map { text -> Wire.AttendanceEntry in
                    let (unit, note) = split(text)
                    return Wire.AttendanceEntry(unit: unit, present: false, note: note)
                }
            let request = Wire.RecordAttendanceRequest(meetingId: meeting, actor: actor.actor, attendance: entries)
            try MeetingCommand.print(
                try await service.call(.coordination, Wire.Coordination.recordAttendance, request), service.output)
        }
    }

    struct Minutes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the minutes (纪要) and decisions (议定事项) of a held meeting.")
        @Argument(help: "The meeting.") var meeting: String
        @OptionGroup var actor: ActingRole
        @Option(help: "The minutes.") var text: String
        @Option(name: .customLong("decision"), help: "A decision (repeatable, in order).") var decisions: [String]
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.RecordMinutesRequest(
                meetingId: meeting, actor: actor.actor, minutes: text, decisions: decisions)
            try MeetingCommand.print(
                try await service.call(.coordination, Wire.Coordination.recordMinutes, request), service.output)
        }
    }

    static func print(_ response: Wire.MeetingResponse, _ output: OutputFormat) throws {
        switch output {
        case .json:
            Swift.print(
                try OrderPrinter.json([
                    "case": response.coordinationCase.map(CoordinationPrinter.object) as Any,
                    "meeting": response.meeting.map(CoordinationPrinter.object) as Any,
                ]))
        case .table:
            if let meeting = response.meeting {
                Swift.print(CoordinationPrinter.meetingsTable([meeting]))
                for line in CoordinationPrinter.conflictLines(meeting) { Swift.print(line) }
            }
            if let view = response.coordinationCase { Swift.print("case \(view.id) is \(view.state)") }
        }
    }
}

/// Meeting times as staff type them: Beijing time unless an offset says otherwise.
enum CoordinationTime {
    /// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM[:SS]` in Asia/Shanghai, or any ISO 8601 time with an offset; with
    /// `sameDayAs`, also `HH:MM` on that day.
    static func parse(_ text: String, sameDayAs day: String? = nil) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = ShanghaiTime.parseISO8601(trimmed) { return date }
        var local = trimmed.replacingOccurrences(of: " ", with: "T")
        if let day, local.count == 5, local.dropFirst(2).first == ":" { local = String(day.prefix(10)) + "T" + local }
        if local.count == 16 { local += ":00" }
        guard local.count == 19 else { return nil }
        return ShanghaiTime.parseISO8601(local + "+08:00")
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

import ArgumentParser
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl action`: the action items a held meeting gives a unit, due in working days from the meeting, each
/// watched by an SLA clock; `done` reports one finished with its outcome.
struct ActionItemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Action items of coordination meetings: add, done.",
        subcommands: [Add.self, Done.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a unit a task decided by a held meeting.")
        @Argument(help: "The meeting that decided it.") var meeting: String
        @OptionGroup var actor: ActingRole
        @Option(help: "The unit that owns the item.") var owner: String
        @Option(help: "What is to be done.") var what: String
        @Option(help: "Working days after the meeting's date (1...60).") var days: Int
        @OptionGroup var service: ServiceCallOptions

        func validate() throws {
            guard (1...60).contains(days) else { throw ValidationError("--days must be between 1 and 60") }
        }

        func run() async throws {
            let request = Wire.AddActionItemRequest(
                meetingId: meeting, actor: actor.actor, ownerUnit: owner, what: what, dueWorkingDays: UInt32(days))
            try ActionItemCommand.print(
                try await service.call(.coordination, Wire.Coordination.addActionItem, request), service.output)
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report an action item done, with what came of it.")
        @Argument(help: "The item, e.g. CC-20261127-001/action/1.") var item: String
        @OptionGroup var actor: ActingRole
        @Option(help: "What came of it; it goes into the compiled reply.") var outcome: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.CompleteActionItemRequest(actionItemId: item, actor: actor.actor, outcome: outcome)
            try ActionItemCommand.print(
                try await service.call(.coordination, Wire.Coordination.completeActionItem, request), service.output)
        }
    }

    static func print(_ response: Wire.ActionItemResponse, _ output: OutputFormat) throws {
        switch output {
        case .json:
            Swift.print(
                try OrderPrinter.json([
                    "case": response.coordinationCase.map(CoordinationPrinter.object) as Any,
                    "action_item": response.actionItem.map(CoordinationPrinter.object) as Any,
                ]))
        case .table:
            if let item = response.actionItem { Swift.print(CoordinationPrinter.itemsTable([item])) }
            if let view = response.coordinationCase { Swift.print("case \(view.id) is \(view.state)") }
        }
    }
}

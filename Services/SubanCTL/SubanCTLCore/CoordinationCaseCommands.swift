import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl case`: coordination cases (协调) of orders in joint handling (即时协办) or on the green channel —
/// open, show, list (the task force's view), compile the result (汇总) into the order's draft reply, cancel.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Coordination cases of joint-handling and green-channel orders.",
        subcommands: [Open.self, Show.self, List.self, Compile.self, Cancel.self]
    )

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open the coordination case of an order.")
        @Argument(help: "The order: its id, or channel:platform-order-number.") var order: String
        @OptionGroup var actor: ActingRole
        @Option(help: "The designated coordinator (指定专人).") var coordinator: String
        @Option(help: "The leader who instructed (required for joint handling).") var leader = ""
        @Option(help: "The leader's instruction (批示).") var instruction = ""
        @Option(name: .customLong("unit"), help: "A further participating unit (repeatable).") var units: [String] = []
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.OpenCaseRequest(
                orderId: order, actor: actor.actor, participatingUnits: units, coordinator: coordinator,
                instructingLeader: leader, instruction: instruction
            )
            let response = try await service.call(.coordination, Wire.Coordination.openCase, request)
            guard let view = response.coordinationCase else { return }
            switch service.output {
            case .json:
                print(try OrderPrinter.json(["case": CoordinationPrinter.object(view), "created": response.created]))
            case .table:
                if !response.created { print("the order already has an active case:") }
                print(CoordinationPrinter.summary(view))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a case with its meetings, action items and history.")
        @Argument(help: "A case id, a meeting or action item id, or an order id (its latest case).") var id: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(.coordination, Wire.Coordination.getCase, Wire.GetCaseRequest(id: id))
            guard let view = response.coordinationCase else { return }
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json([
                        "case": CoordinationPrinter.object(view),
                        "events": response.events.map(CoordinationPrinter.object),
                    ]))
            case .table:
                print(CoordinationPrinter.summary(view))
                if !view.meetings.isEmpty { print("\nmeetings:\n" + CoordinationPrinter.meetingsTable(view.meetings)) }
                for meeting in view.meetings where !meeting.decisions.isEmpty {
                    print("\ndecisions of \(meeting.id):")
                    for (index, decision) in meeting.decisions.enumerated() { print("  \(index + 1). \(decision)") }
                }
                if !view.actionItems.isEmpty {
                    print("\naction items:\n" + CoordinationPrinter.itemsTable(view.actionItems))
                }
                if !view.compiledText.isEmpty { print("\ncompiled reply:\n" + view.compiledText) }
                print("\nhistory:")
                for event in response.events { print("  " + CoordinationPrinter.eventLine(event)) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List cases; `--open --green-channel` is the task force's view (营商环境专班)."
        )
        @Flag(help: "Only cases neither compiled nor cancelled.") var open = false
        @Flag(name: .customLong("green-channel"), help: "Only green-channel cases.") var greenChannel = false
        @Flag(help: "Only cases with an action item past due.") var overdue = false
        @Option(help: "Only cases this unit leads or takes part in.") var unit: String?
        @Option(help: "At most this many cases (1...500).") var limit: Int = 100
        @OptionGroup var service: ServiceCallOptions

        func validate() throws {
            guard (1...500).contains(limit) else { throw ValidationError("--limit must be between 1 and 500") }
        }

        func run() async throws {
            let request = Wire.ListCasesRequest(
                openOnly: open, greenChannelOnly: greenChannel, unit: unit ?? "", overdueOnly: overdue,
                limit: UInt32(limit)
            )
            let response = try await service.call(.coordination, Wire.Coordination.listCases, request)
            switch service.output {
            case .json: print(try OrderPrinter.json(["cases": response.cases.map(CoordinationPrinter.object)]))
            case .table:
                print(CoordinationPrinter.listTable(response.cases))
                let overdue = response.cases.flatMap { $0.actionItems.filter(\.overdue) }
                if !overdue.isEmpty { print("\noverdue action items:\n" + CoordinationPrinter.itemsTable(overdue)) }
            }
        }
    }

    struct Compile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile the result (汇总) into the order's draft reply, as the lead unit's liaison."
        )
        @Argument(help: "The case.") var id: String
        @OptionGroup var actor: ActingRole
        @Option(help: "solved, partly_solved or unsolved.") var result: String
        @Option(help: "The lead unit's own words before the decisions and outcomes.") var summary = ""
        @OptionGroup var service: ServiceCallOptions

        func validate() throws {
            guard WorkOrder.ResultCode(rawValue: result) != nil else {
                throw ValidationError("--result must be solved, partly_solved or unsolved")
            }
        }

        func run() async throws {
            let request = Wire.CompileResultRequest(
                caseId: id, actor: actor.actor, resultCode: result, summary: summary)
            let response = try await service.call(.coordination, Wire.Coordination.compileResult, request)
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json([
                        "case": response.coordinationCase.map(CoordinationPrinter.object) as Any, "text": response.text,
                    ]))
            case .table:
                if let view = response.coordinationCase { print(CoordinationPrinter.summary(view)) }
                print("\ncompiled reply:\n" + response.text)
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call a case off; its pending meetings are cancelled with it.")
        @Argument(help: "The case.") var id: String
        @OptionGroup var actor: ActingRole
        @Option(help: "Why.") var reason: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.CancelCaseRequest(caseId: id, actor: actor.actor, reason: reason)
            let response = try await service.call(.coordination, Wire.Coordination.cancelCase, request)
            guard let view = response.coordinationCase else { return }
            switch service.output {
            case .json: print(try OrderPrinter.json(["case": CoordinationPrinter.object(view)]))
            case .table: print(CoordinationPrinter.summary(view))
            }
        }
    }
}

import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

// The staff verbs on an order, one command each. Every one takes the order, `--as role:id[@unit]`
// and the usual service options, and prints the new event and the order.

struct Acknowledge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sign for an order (签收).")
    @OptionGroup var options: ActionOptions
    func run() async throws { try await options.apply("acknowledge") }
}

struct Instruct: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Give the assignment opinion or instruction (交办意见/批示).")
    @OptionGroup var options: ActionOptions
    @Option(help: "The opinion.") var opinion: String
    @Option(
        name: .customLong("circulate-to"),
        help: "Whom it is circulated to (传阅), e.g. 分管局领导 (repeatable)."
    ) var circulateTo: [String] = []
    func run() async throws {
        try await options.apply("instruct") {
            $0.text = opinion
            $0.circulateTo = circulateTo
        }
    }
}

struct ClassifyGreenChannel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract:
            "Classify a green-channel order (绿色通道定级): complex, 7 working days, or difficult, 15; starts its clock."
    )
    @OptionGroup var options: ActionOptions
    @Option(help: "complex or difficult.") var level: String
    @Option(help: "Why the order is not settled the same day.") var reason: String
    func run() async throws {
        try await options.apply("classify_green_channel") {
            $0.greenLevel = level
            $0.reason = reason
        }
    }
}

struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start handling.")
    @OptionGroup var options: ActionOptions
    func run() async throws { try await options.apply("start") }
}

struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dispatch to units (派单); the lead unit first.")
    @OptionGroup var options: ActionOptions
    @Option(name: .customLong("unit"), help: "A responsible unit (repeatable).") var units: [String]
    @Option(help: "immediate_answer, leader_instruction, transfer, joint_handling, special_case.") var mode: String
    @Option(help: "regular, key_enterprise, green_channel.") var track = "regular"
    func run() async throws {
        try await options.apply("assign") {
            $0.units = units
            $0.handlingMode = mode
            $0.track = track
        }
    }
}

struct AnswerFromKnowledgeBase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract:
            "Answer a consultation from a knowledge-base article (即时办理): the article's text becomes the draft reply, reviewed before it is sent."
    )
    @OptionGroup var options: ActionOptions
    @Option(help: "The article's id.") var article: String
    func run() async throws { try await options.apply("answer_from_knowledge_base") { $0.articleId = article } }
}

struct RequestExtension: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Request an extension (延期) with its legal basis.")
    @OptionGroup var options: ActionOptions
    @Option(help: "Working days asked for.") var days: Int
    @Option(help: "Why.") var reason: String
    @Option(help: "The law or rule that allows it.") var basis: String
    func validate() throws {
        guard (1...31).contains(days) else { throw ValidationError("--days must be between 1 and 31") }
    }
    func run() async throws {
        try await options.apply("request_extension") {
            $0.days = UInt32(days)
            $0.reason = reason
            $0.legalBasis = basis
        }
    }
}

struct Reply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft the reply, with a closure standard for wage arrears.")
    @OptionGroup var options: ActionOptions
    @Option(help: "The reply.") var text: String
    @Option(help: "solved, partly_solved or unsolved.") var result: String
    @Option(help: "The closure standard's code (wage arrears).") var standard: String?
    @Option(
        help:
            "Evidence as item=reference, the item by its code from `subanctl standards list` (E1, E2 …) or its title (repeatable)."
    ) var evidence: [String] = []
    @Option(help: "Wage arrears: the workers whose wages were recovered.") var workers: UInt32?
    @Option(name: .customLong("amount-yuan"), help: "Wage arrears: the wages recovered, in yuan (e.g. 12345.67).")
    var amountYuan: String?
    func validate() throws {
        for item in evidence where !item.contains("=") {
            throw ValidationError("--evidence \(item): expected item=reference, e.g. E1=file://…")
        }
        if let amountYuan, Self.fen(amountYuan) == nil {
            throw ValidationError(
                "--amount-yuan \(amountYuan): expected a non-negative amount with at most two decimals")
        }
        if (workers != nil || amountYuan != nil) && standard == nil {
            throw ValidationError("--workers and --amount-yuan go with a wage-arrears reply: give its --standard")
        }
    }

    /// Yuan as exact fen: "12345.6" is 1234560.
    static func fen(_ yuan: String) -> Int64? {
        let parts = yuan.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000_000_000,
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let decimals = parts[1]
        guard (1...2).contains(decimals.count), decimals.allSatisfy({ $0.isASCII && $0.isNumber }),
            let cents = Int64(decimals)
        else { return nil }
        return whole * 100 + (decimals.count == 1 ? cents * 10 : cents)
    }
    func run() async throws {
        try await options.apply("draft_reply") {
            $0.text = text
            $0.resultCode = result
            $0.closureStandard = standard ?? ""
            $0.workersHelped = workers ?? 0
            $0.amountRecoveredFen = amountYuan.flatMap(Self.fen) ?? 0
            $0.evidence = evidence.map {
                let parts = $0.split(separator: "=", maxSplits: 1).map(String.init)
                return Wire.Evidence(name: parts[0], reference: parts[1])
            }
        }
    }
}

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Review a drafted reply (审核).")
    @OptionGroup var options: ActionOptions
    @Flag(exclusivity: .exclusive) var decision: Decision
    @Option(help: "The reviewer's comment.") var comment = ""
    enum Decision: EnumerableFlag { case approve, reject }
    func run() async throws {
        try await options.apply("review") {
            $0.approved = decision == .approve
            $0.text = comment
        }
    }
}

struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send the reviewed reply to 12345 (反馈).")
    @OptionGroup var options: ActionOptions
    func run() async throws { try await options.apply("send_to_platform") }
}

struct Return: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask the platform to take the order back (退单).")
    @OptionGroup var options: ActionOptions
    @Option(help: "Why the order is not the bureau's.") var reason: String
    @Option(help: "The rule that says so.") var basis: String
    func run() async throws {
        try await options.apply("request_return") {
            $0.reason = reason
            $0.legalBasis = basis
        }
    }
}

struct Reopen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reopen a closed order (重办).")
    @OptionGroup var options: ActionOptions
    @Option(help: "Why.") var reason: String
    func run() async throws { try await options.apply("reopen") { $0.reason = reason } }
}

struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Merge a duplicate under its parent order (并单).")
    @OptionGroup var options: ActionOptions
    @Option(help: "The parent order: its id, or channel:number (e.g. 12345:N14).") var into: String
    func run() async throws { try await options.apply("merge") { $0.parentOrderId = into } }
}

struct Unmerge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Undo a merge.")
    @OptionGroup var options: ActionOptions
    func run() async throws { try await options.apply("unmerge") }
}

struct Close: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Close an accepted order (办结/销号).")
    @OptionGroup var options: ActionOptions
    func run() async throws { try await options.apply("close") }
}

struct Urge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remind (催办); changes no state.")
    @OptionGroup var options: ActionOptions
    @Option(help: "The reminder.") var note: String
    func run() async throws { try await options.apply("urge") { $0.text = note } }
}

struct Supervise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Supervise (督办); changes no state.")
    @OptionGroup var options: ActionOptions
    @Option(help: "The supervision note.") var note: String
    func run() async throws { try await options.apply("supervise") { $0.text = note } }
}

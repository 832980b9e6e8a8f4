import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

// The platform's decisions, for the 12333 line (which acts as its own platform) and for
// operators replaying what 12345 decided when its push did not arrive.

struct DecideExtension: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide-extension", abstract: "Grant or deny a requested extension.")
    @OptionGroup var options: ActionOptions
    @Option(help: "The granted deadline, ISO-8601 (grants the extension).") var deadline: String?
    @Option(help: "Why it is denied (denies the extension).") var deny: String?
    func validate() throws {
        guard (deadline == nil) != (deny == nil) else {
            throw ValidationError("give exactly one of --deadline and --deny")
        }
        if let deadline, ShanghaiTime.parseISO8601(deadline) == nil {
            throw ValidationError("--deadline \(deadline) is not an ISO-8601 time")
        }
    }
    func run() async throws {
        if let deny {
            try await options.apply("deny_extension") { $0.reason = deny }
        } else if let granted = deadline.flatMap(ShanghaiTime.parseISO8601) {
            try await options.apply("approve_extension") {
                $0.newDeadlineUnixMs = Int64(granted.timeIntervalSince1970 * 1000)
            }
        }
    }
}

struct PlatformReview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform-review", abstract: "12345's review of a reply: accept or send back (重办).")
    @OptionGroup var options: ActionOptions
    @Flag(exclusivity: .exclusive) var decision: Decision
    @Option(help: "Why it was sent back.") var reason = ""
    enum Decision: EnumerableFlag { case accept, sendBack }
    func run() async throws {
        try await options.apply("platform_review") {
            $0.approved = decision == .accept
            $0.reason = reason
        }
    }
}

struct Callback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record the callback (回访) result.")
    @OptionGroup var options: ActionOptions
    @Option(help: "satisfied, basically_satisfied, dissatisfied or unreachable.") var outcome: String
    func run() async throws { try await options.apply("record_callback") { $0.callbackOutcome = outcome } }
}

struct DecideReturn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide-return", abstract: "Approve or refuse a return request.")
    @OptionGroup var options: ActionOptions
    @Flag(exclusivity: .exclusive) var decision: Decision
    enum Decision: EnumerableFlag { case approve, refuse }
    func run() async throws { try await options.apply("decide_return") { $0.approved = decision == .approve } }
}

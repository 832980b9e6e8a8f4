import ArgumentParser
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl outbox`: what the gateway still has to deliver to the 12345 platform and by email,
/// and a manual retry for what keeps failing.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List and retry the gateway's undelivered platform messages and emails.",
        subcommands: [List.self, Retry.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List outbox entries (default: every undelivered one).")
        static let states = ["pending", "in_flight", "failing", "delivered", "given_up"]
        @Option(help: "pending, in_flight, failing, delivered or given_up.") var state: String?
        @OptionGroup var service: ServiceCallOptions

        func validate() throws {
            if let state, !Self.states.contains(state) {
                throw ValidationError("--state must be one of \(Self.states.joined(separator: ", "))")
            }
        }

        func run() async throws {
            let response = try await service.call(
                .gateway, Wire.Gateway.listOutbox, Wire.ListOutboxRequest(state: state ?? ""))
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json(
                        response.entries.map {
                            [
                                "id": $0.id, "outbox": $0.outbox, "summary": $0.summary, "state": $0.state,
                                "attempts": Int($0.attempts),
                                "last_error": $0.lastError, "created_unix_ms": $0.createdUnixMs,
                                "next_attempt_unix_ms": $0.nextAttemptUnixMs,
                            ] as [String: Any]
                        }))
            case .table:
                var table = TextTable(["ID", "STATE", "ATTEMPTS", "CREATED", "NEXT ATTEMPT", "SUMMARY", "LAST ERROR"])
                for entry in response.entries {
                    table.append([
                        entry.id, entry.state, String(entry.attempts), OrderPrinter.time(entry.createdUnixMs),
                        ["delivered", "given_up"].contains(entry.state) || entry.nextAttemptUnixMs == 0
                            ? "-" : OrderPrinter.time(entry.nextAttemptUnixMs),
                        entry.summary, String(entry.lastError.prefix(80)),
                    ])
                }
                print(table.render())
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retry one entry now, or every failing entry.")
        @Argument(help: "The entry, e.g. platform-12 or email-3; omitted: every failing entry.") var id: String?
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(
                .gateway, Wire.Gateway.retryOutbox, Wire.RetryOutboxRequest(id: id ?? ""))
            switch service.output {
            case .json: print(try OrderPrinter.json(["retried": Int(response.retried)]))
            case .table: print("retried \(response.retried) entr\(response.retried == 1 ? "y" : "ies")")
            }
        }
    }
}

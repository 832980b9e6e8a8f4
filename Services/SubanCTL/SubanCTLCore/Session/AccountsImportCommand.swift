import ArgumentParser
import Domain
import Foundation
import RPC
import ReportRendering
import WireProtocol

extension AccountsCommand {
    /// `subanctl accounts import ROSTER.csv`: the units' people in one go, all or none.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the accounts of a roster file, all or none; prints each one-time password, once.",
            discussion: """
                The file is UTF-8 CSV with the header \(Roster.header.joined(separator: ",")); roles are separated \
                by spaces (e.g. "unit_leader deputy_leader"), email and phone may be empty. A line at fault, or a \
                login taken already, refuses the whole file, naming every line at fault.
                """
        )
        @Argument(help: "The roster file.") var file: String
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let accounts: [Roster.Entry]
            do {
                accounts = try Roster.entries(in: try String(contentsOfFile: file, encoding: .utf8))
            } catch let error as Roster.Refusal {
                throw ConsoleCallOptions.Refusal(description: "\(file): \(error.message)")
            } catch {
                throw ConsoleCallOptions.Refusal(
                    description: "\(file) cannot be read as UTF-8 text: \(error.localizedDescription)")
            }
            // bcrypt makes each password cost about a quarter of a second on the console's side.
            let timeout = Duration.milliseconds(
                max(console.connection.timeoutMilliseconds, 30_000 + 500 * accounts.count))
            let response: Wire.ImportAccountsResponse
            do {
                response = try await console.call(
                    Wire.Console.importAccounts, Wire.ImportAccountsRequest(accounts: accounts.map(\.account)),
                    timeout: timeout)
            } catch let failure as CommandFailure {
                throw Roster.naming(failure, lines: accounts.map(\.line))
            }
            print(
                "created \(response.created.count) accounts; their one-time passwords, shown only now (each holder changes it at first sign-in):"
            )
            var table = TextTable(["LOGIN", "NAME", "ROLES", "UNIT", "ONE-TIME PASSWORD"])
            for created in response.created {
                let account = created.account ?? Wire.Account()
                table.append([
                    account.login, account.name, account.roles.joined(separator: " "), account.unit,
                    created.oneTimePassword,
                ])
            }
            print(table.render())
            Roster.warnOfUndeliverableAddresses(accounts)
        }
    }
}

/// A roster file: one account a line, read into the console's accounts with the line each came from.
enum Roster {
    static let header = ["login", "name", "roles", "unit", "email", "phone"]

    struct Entry {
        var line: Int
        var account: Wire.Account
    }

    struct Refusal: Error {
        var message: String
    }

    static func entries(in text: String) throws(Refusal) -> [Entry] {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(in: text).filter { !$0.isBlank }
        } catch {
            throw Refusal(message: "\(error)")
        }
        guard let first = records.first, first.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) == header else {
            throw Refusal(message: "the first line must be the header \(header.joined(separator: ","))")
        }
        var entries: [Entry] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw Refusal(
                    message: "line \(record.line): \(record.fields.count) fields where the header has \(header.count)")
            }
            let field = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let account = Wire.Account(
                login: field[0], name: field[1], phone: field[5], email: field[4],
                roles: field[2].split(separator: " ").map(String.init), unit: field[3])
            entries.append(Entry(line: record.line, account: account))
        }
        guard !entries.isEmpty else { throw Refusal(message: "the roster lists no account") }
        return entries
    }

    /// Says loudly, on standard error, which accounts have an address no mail server delivers (the
    /// example roster's `example.invalid`): their notifications would reach nobody.
    static func warnOfUndeliverableAddresses(_ entries: [Entry]) {
        let never = entries.filter { EmailAddress.isNeverDelivered($0.account.email) }
        guard !never.isEmpty else { return }
        var lines = [
            "warning: \(never.count) of \(entries.count) accounts have an address at a reserved example domain, which no mail server delivers; their notifications will reach nobody until they get real ones (subanctl accounts update LOGIN --email …):"
        ]
        lines += never.prefix(5).map { "  line \($0.line): \($0.account.login) <\($0.account.email)>" }
        if never.count > 5 { lines.append("  … and \(never.count - 5) more") }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The console's refusal with `accounts[i].field` turned into the file's line numbers.
    static func naming(_ failure: CommandFailure, lines: [Int]) -> any Error {
        guard !failure.error.fieldViolations.isEmpty else { return failure }
        let faults = failure.error.fieldViolations.map { violation in
            let parts = violation.field.split(separator: "]", maxSplits: 1)
            guard parts.count == 2, let index = Int(parts[0].dropFirst("accounts[".count)),
                lines.indices.contains(index)
            else {
                return "\(violation.field): \(violation.message)"
            }
            return "line \(lines[index]), \(parts[1].drop { $0 == "." }): \(violation.message)"
        }
        return ConsoleCallOptions.Refusal(description: "no account was created: " + faults.joined(separator: "; "))
    }
}

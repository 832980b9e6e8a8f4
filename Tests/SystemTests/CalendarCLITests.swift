import Foundation
import TestSupport
import Testing

/// `subanctl calendar`: exact outputs for known dates, offline; bad arguments exit non-zero with
/// one clear line; `load` against the real `suban-sla`, whose calendar the online commands then use.
@Suite("System: subanctl calendar", .timeLimit(.minutes(2)))
struct CalendarCLITests {
    @Test(arguments: [
        ("2025-10-11", "working"),  // make-up Saturday after National Day
        ("2025-10-08", "off"),
        ("2025-10-09", "working"),
        ("2025-10-12", "off"),
        ("2026-01-04", "working"),  // make-up Sunday
        ("2027-01-01", "off provisional"),  // no 2027 notice shipped: 元旦 by the law alone
        ("2027-02-08", "off provisional"),  // 春节 by the law: 除夕 2027-02-05 to 正月初三, a Monday
        ("2027-02-09", "working provisional"),
    ])
    func isWorkingDay(date: String, expected: String) async throws {
        let result = try await runCommand("subanctl", ["calendar", "is-working-day", date, "--offline"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected + "\n")
    }

    @Test(arguments: [
        (["--from", "2025-09-30T10:00:00+08:00", "--working-days", "5"], "2025-10-15T00:00:00+08:00"),
        (["--from", "2025-12-31T16:00:00+08:00", "--working-days", "1"], "2026-01-05T00:00:00+08:00"),
        (["--from", "2026-12-30T10:00:00+08:00", "--working-days", "2"], "2027-01-05T00:00:00+08:00 provisional"),
        (["--from", "2025-10-04T09:00:00+08:00", "--same-day"], "2025-10-10T00:00:00+08:00"),
        (["--from", "2025-09-30T09:00:00+08:00", "--same-day"], "2025-10-01T00:00:00+08:00"),
        (["--from", "2025-01-31T09:00:00+08:00", "--months", "1"], "2025-03-01T00:00:00+08:00"),
        (["--from", "2025-09-30T23:50:00Z", "--minutes", "30"], "2025-10-01T08:20:00+08:00"),
        (["--from", "2025-10-09T09:00:00+08:00", "--minutes", "240"], "2025-10-09T13:00:00+08:00"),
    ])
    func deadline(arguments: [String], expected: String) async throws {
        let result = try await runCommand("subanctl", ["calendar", "deadline", "--offline"] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == expected + "\n")
    }

    @Test(arguments: [
        ["calendar", "is-working-day", "2025-13-01"],
        ["calendar", "is-working-day", "10/11/2025"],
        ["calendar", "is-working-day"],
        ["calendar", "deadline", "--from", "yesterday", "--working-days", "1"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00", "--working-days", "1"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00+08:00", "--working-days", "0"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00+08:00", "--months", "-1"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00+08:00", "--working-days", "2", "--same-day"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00+08:00"],
        ["calendar", "deadline", "--working-days", "2"],
        ["calendar", "deadline", "--from", "2025-09-30T10:00:00+08:00", "--working-days", "1000000"],
    ])
    func badArgumentsExitNonZeroWithOneClearLine(arguments: [String]) async throws {
        let result = try await runCommand("subanctl", arguments + ["--offline"])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let firstLine = result.standardError.split(separator: "\n").first ?? ""
        #expect(firstLine.hasPrefix("Error: "), "\(result.standardError)")
    }

    static let year2027 =
        #"{ "year": 2027, "notice": "test notice 2027", "daysOff": [ { "date": "2027-01-01", "name": "元旦" } ], "workingWeekendDays": [] }"#

    static func withFolder(_ files: [String: String], _ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-calendar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        try await body(folder.path)
    }

    @Test func yearsInTheCalendarFolderAreUsedOffline() async throws {
        try await Self.withFolder(["holidays-2027.json": Self.year2027]) { folder in
            let environment = ["SUBAN_CALENDAR_DIR": folder]
            let deadline = try await runCommand(
                "subanctl",
                ["calendar", "deadline", "--offline", "--from", "2026-12-30T10:00:00+08:00", "--working-days", "2"],
                environment: environment
            )
            #expect(deadline.standardOutput == "2027-01-05T00:00:00+08:00\n", "\(deadline.standardError)")
            let day = try await runCommand(
                "subanctl", ["calendar", "is-working-day", "2027-01-01", "--offline"], environment: environment)
            #expect(day.standardOutput == "off\n")
        }
    }

    @Test func aBadFileInTheCalendarFolderIsNamed() async throws {
        try await Self.withFolder([
            "holidays-2027.json": #"{ "year": 2027, "notice": "" , "daysOff": [], "workingWeekendDays": [] }"#
        ]) { folder in
            let result = try await runCommand(
                "subanctl",
                ["calendar", "is-working-day", "2027-01-01", "--offline"],
                environment: ["SUBAN_CALENDAR_DIR": folder]
            )
            #expect(result.status != 0)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("holidays-2027.json is not a valid holiday year"))
        }
    }

    @Test func loadSendsAValidYearToTheSLAServiceAndRefusesABadOne() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-sla-cli-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await Self.withFolder(["good.json": Self.year2027, "bad.json": #"{ "year": 2027 }"#]) { folder in
            // A bad file is refused before any service is contacted.
            let bad = try await runCommand(
                "subanctl", ["calendar", "load", "\(folder)/bad.json", "--address", "sla=127.0.0.1:1"])
            #expect(bad.status != 0)
            #expect(bad.standardError.contains("is not a valid holiday year"), "\(bad.standardError)")

            let sla = try await ServiceProcess.launch(
                "suban-sla", environment: ["SUBAN_SLA_PORT": "0", "SUBAN_DATA_DIR": data])
            let address = ["--address", "sla=127.0.0.1:\(sla.port)"]
            do {
                // Before the notice, 2027's 春节 is the law's: off, provisionally; the test notice has none.
                let before = try await runCommand(
                    "subanctl", ["calendar", "is-working-day", "2027-02-08", "--as", "bureau_desk:d1@office"] + address)
                #expect(before.standardOutput == "off provisional\n", "\(before.standardError)")
                let good = try await runCommand(
                    "subanctl", ["calendar", "load", "\(folder)/good.json", "--as", "administrator:admin"] + address)
                #expect(good.status == 0, "\(good.standardError)")
                #expect(good.standardOutput == "loaded 2027 (test notice 2027): 0 open deadlines moved\n")
                // The calendar's owner answers with the year loaded into it; offline knows only what ships.
                let after = try await runCommand(
                    "subanctl", ["calendar", "is-working-day", "2027-02-08", "--as", "bureau_desk:d1@office"] + address)
                #expect(after.standardOutput == "working\n", "\(after.standardError)")
                let offline = try await runCommand(
                    "subanctl", ["calendar", "is-working-day", "2027-02-08", "--offline"])
                #expect(offline.standardOutput == "off provisional\n")
            } catch {
                await sla.stop()
                throw error
            }
            #expect(await sla.stop() == 0)

            let down = try await runCommand(
                "subanctl", ["calendar", "load", "\(folder)/good.json", "--as", "administrator:admin"] + address)
            #expect(down.status == 1)
            #expect(down.standardError.hasPrefix("sla: unreachable at 127.0.0.1:\(sla.port)"), "\(down.standardError)")
            let unanswered = try await runCommand(
                "subanctl", ["calendar", "is-working-day", "2027-02-08", "--as", "bureau_desk:d1@office"] + address)
            #expect(unanswered.status == 1 && unanswered.standardOutput.isEmpty)
            #expect(
                unanswered.standardError.contains("--offline counts on the notices shipped with Suban"),
                "\(unanswered.standardError)")
        }
    }
}

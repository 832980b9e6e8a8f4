import ArgumentParser
import Assessment
import Domain
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl report`: the assessment (考评) of a period, from intake, in the format asked for.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the assessment of a period: scores, rankings, figures, hot spots.",
        discussion: """
            Periods are Beijing-time days: 2026-03-05, 2026-W10, 2026-03, 2026-Q1 or 2026-03-01..2026-03-15.
            Formats: table (the terminal), json (the whole report), csv (one table, --table), xlsx (a workbook,
            needs --out) and html (a page with charts that opens from disk). Unit names come from routing's
            directory when routing answers.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, xlsx, html
    }

    @Option(help: "The period (default: this month).") var period: String?
    @Option(help: "Only this unit's row (ranked among all units).") var unit: String?
    @Option(name: .customLong("as-of"), help: "Count facts up to this ISO 8601 instant (default: now).") var asOf:
        String?
    @Option(help: "table, json, csv, xlsx or html.") var output: Format = .table
    @Option(
        help:
            "The table for csv (\(ReportTables.names.joined(separator: ", "))); for table output, the tables to print.")
    var table: [String] = []
    @Option(help: "Write to this file instead of standard output (required for xlsx).") var out: String?
    @OptionGroup var connection: ServiceConnection

    func validate() throws {
        if let period, ReportPeriod(parsing: period) == nil {
            throw ValidationError(
                "--period \(period): expected 2026-03-05, 2026-W10, 2026-03, 2026-Q1 or 2026-03-01..2026-03-15")
        }
        if let asOf, ShanghaiTime.parseISO8601(asOf) == nil {
            throw ValidationError(
                "--as-of \(asOf): expected an ISO 8601 instant with its offset, e.g. 2026-03-31T24:00:00+08:00")
        }
        for name in table where !ReportTables.names.contains(name) {
            throw ValidationError("--table \(name): one of \(ReportTables.names.joined(separator: ", "))")
        }
        if output == .csv, table.count > 1 { throw ValidationError("--output csv writes one table: give one --table") }
        if output == .xlsx, out == nil { throw ValidationError("--output xlsx needs --out FILE.xlsx") }
    }

    func run() async throws {
        let report = try await fetch()
        let bytes: Data
        switch output {
        case .json: bytes = try report.jsonData() + Data("\n".utf8)
        case .csv:
            let name = table.first ?? "ranking"
            guard let chosen = ReportTables.all(report).first(where: { $0.name == name }) else {
                throw ValidationError("--table \(name): no such table")
            }
            bytes = Data(chosen.csv().utf8)
        case .xlsx: bytes = try ReportWorkbook.data(report)
        case .html: bytes = Data(ReportPage.html(report).utf8)
        case .table: bytes = Data((ReportText.render(report, tables: table) + "\n").utf8)
        }
        if let out {
            do {
                try bytes.write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            print("wrote \(out) (\(bytes.count) bytes)")
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }

    func fetch() async throws -> AssessmentReport {
        var request = Wire.ReportRequest(
            period: period ?? ReportPeriod.month(containing: LocalDate(containing: Date())).description,
            unit: unit ?? ""
        )
        if let asOf, let instant = ShanghaiTime.parseISO8601(asOf) {
            request.asOfUnixMs = Int64((instant.timeIntervalSince1970 * 1000).rounded())
        }
        // Routing's directory names the units; without it intake assesses the shipped ones.
        if let units = try? await connection.call(.routing, Wire.Routing.listUnits, Wire.ListUnitsRequest()) {
            request.unitNames = units.units.filter(\.active).map { Wire.UnitName(code: $0.code, name: $0.name) }
        }
        let response = try await connection.call(.intake, Wire.Intake.report, request)
        do {
            return try AssessmentReport.decode(json: Data(response.reportJson))
        } catch {
            throw ValidationError("intake sent a report this subanctl cannot read: \(error)")
        }
    }
}

/// `subanctl digest`: queue a day's digest to every unit head now (it goes out daily by itself).
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Send the daily assessment digest of a day to every unit head."
    )

    @Option(help: "The day, YYYY-MM-DD (default: yesterday).") var day: String?
    @Flag(help: "Send again although that day's digest went out.") var resend = false
    @OptionGroup var connection: ServiceConnection

    func validate() throws {
        if let day, LocalDate(day) == nil { throw ValidationError("--day \(day): expected YYYY-MM-DD") }
    }

    func run() async throws {
        let response = try await connection.call(
            .intake, Wire.Intake.sendDigest, Wire.SendDigestRequest(day: day ?? "", resend: resend)
        )
        print(
            response.queued == 0
                ? "that day's digest went out before (use --resend)" : "queued \(response.queued) digests")
    }
}

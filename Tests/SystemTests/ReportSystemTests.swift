import Foundation
import Synchronization
import TestSupport
import Testing

/// `subanctl report` against the real intake and routing services, in every format: the table,
/// JSON, CSV, a workbook read back by openpyxl, and an HTML page rendered by headless Chromium.
@Suite("System: reports and digests with subanctl")
struct ReportSystemTests {
    static let today = String(ShanghaiDay.today)

    @Test func everyFormatOfTodaysReport() async throws {
        try await withServices { services in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-report-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await services.fileThreeOrders()

            let json = try await services.succeed(["report", "--period", Self.today, "--output", "json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let bureau = try #require((report["bureau"] as? [String: Any])?["figures"] as? [String: Any])
            #expect(bureau["received"] as? Int == 3)
            #expect(bureau["closed"] as? Int == 1)
            #expect(bureau["acknowledged"] as? Int == 2)

            let table = try await services.succeed(["report", "--period", Self.today])
            #expect(table.contains("单位考评排名"))
            #expect(table.contains("养老保险中心"))

            let csv = try await services.succeed([
                "report", "--period", Self.today, "--output", "csv", "--table", "figures",
            ])
            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("\u{FEFF}单位,收件,签收"))
            #expect(lines.contains { $0.hasPrefix("全局,3,2,") })

            let workbook = folder.appendingPathComponent("report.xlsx").path
            _ = try await services.succeed(["report", "--period", Self.today, "--output", "xlsx", "--out", workbook])
            let sheets = try await Self.readWorkbook(workbook)
            #expect(
                sheets["names"] as? [String] == [
                    "说明", "单位考评排名", "工作指标", "收件分类", "收件趋势", "每日积分", "扣分明细", "当前超期工单", "热点（近 7 日对比前 7 日）", "重复诉求与反复重办",
                ])
            #expect(sheets["bureauReceived"] as? Int == 3)
            #expect(sheets["rateFormat"] as? String == "0.0%")
            #expect(sheets["frozen"] as? String == "A2")

            let page = folder.appendingPathComponent("report.html")
            _ = try await services.succeed(["report", "--period", Self.today, "--output", "html", "--out", page.path])
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(!html.contains("<script"))
            #expect(html.components(separatedBy: "<svg").count - 1 == 4)  // a day: no daily-score chart
            let rendered = try await HeadlessBrowser.render(page, in: folder)
            #expect(rendered.dom.contains("单位得分排名"))
            #expect(rendered.dom.components(separatedBy: "<svg").count - 1 == 4)
            #expect(rendered.screenshotBytes > 10_000)
        }
    }

    @Test func badArgumentsAreRefusedWithOneLine() async throws {
        try await withServices { services in
            for (arguments, message) in [
                (["report", "--period", "2026-13"], "--period 2026-13"),
                (["report", "--output", "xlsx"], "--out"),
                (["report", "--output", "csv", "--table", "nope"], "--table nope"),
                (["report", "--as-of", "yesterday"], "--as-of"),
                (["report", "--unit", "nowhere"], "invalid_argument"),
                (["digest", "--day", "2026-02-30"], "--day"),
            ] {
                let result = try await services.ctl(arguments)
                #expect(result.status != 0, "\(arguments)")
                #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            }
        }
    }

    @Test func theDigestOfADayIsQueuedOnce() async throws {
        try await withServices { services in
            try await services.fileThreeOrders()
            #expect(try await services.succeed(["digest", "--day", Self.today]).contains("queued 12 digests"))
            #expect(try await services.succeed(["digest", "--day", Self.today]).contains("went out before"))
            #expect(
                try await services.succeed(["digest", "--day", Self.today, "--resend"]).contains("queued 12 digests"))
        }
    }

    /// Intake queues the digest, the gateway looks up each unit's head among the console's accounts
    /// (the example roster, imported with subanctl) and mails it: one message per unit reaches a
    /// real SMTP server.
    @Test func theDigestReachesEveryUnitHeadByMail() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let received = Mailbox()
        let collector = Task { for await message in sink.messages { received.add(message) } }
        defer { collector.cancel() }
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-digest-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        var started: [ServiceProcess] = []
        do {
            let routing = try await ServiceProcess.launch(
                "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
            started.append(routing)
            let console = try await ServiceProcess.launch(
                "suban-console",
                environment: [
                    "SUBAN_CONSOLE_PORT": "0", "SUBAN_DATA_DIR": dataDirectory, "SUBAN_CONSOLE_BCRYPT_COST": "4",
                ])
            started.append(console)
            try await StaffRoster.seed(consolePort: console.port, dataDirectory: dataDirectory)
            let gateway = try await ServiceProcess.launch(
                "suban-gateway",
                environment: [
                    "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "0", "SUBAN_DATA_DIR": dataDirectory,
                    "SUBAN_INTAKE_PORT": "1",
                    "SUBAN_ROUTING_PORT": "\(routing.port)", "SUBAN_CONSOLE_PORT": "\(console.port)",
                    "SUBAN_SMTP_HOST": "127.0.0.1", "SUBAN_SMTP_PORT": "\(sink.port)",
                    "SUBAN_SMTP_FROM": "suban@bureau.example.cn",
                ])
            started.append(gateway)
            let intake = try await ServiceProcess.launch(
                "suban-intake",
                environment: [
                    "SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": dataDirectory, "SUBAN_ROUTING_PORT": "\(routing.port)",
                    "SUBAN_GATEWAY_PORT": "\(gateway.port)", "SUBAN_SLA_PORT": "1", "SUBAN_DIGEST_TIME": "off",
                ])
            started.append(intake)
            let services = Services(intake: intake, routing: routing)
            try await services.fileThreeOrders()
            #expect(try await services.succeed(["digest", "--day", Self.today]).contains("queued 12 digests"))
            // The shipped directory's twelve units get one each (besides the transfer slips of the orders).
            #expect(try await eventually(within: 60) { received.digests.count >= 12 })
            let mails = received.digests
            #expect(mails.count == 12)
            #expect(Set(mails.flatMap(\.to)).count == 12)
            let pension = try #require(mails.first { $0.to == ["leader.pension-insurance-center@example.invalid"] })
            #expect(pension.subject.hasPrefix("【每日考评】养老保险中心 \(Self.today)"))
            #expect(pension.body.contains("当日积分：+4"))  // two acknowledgements (+1 each) and a closure (+2) on time
            #expect(pension.from == "suban@bureau.example.cn")
        } catch {
            for process in started.reversed() { await process.stop() }
            throw error
        }
        for process in started.reversed() { await process.stop() }
    }

    /// Sheet names, the bureau's received count, the number format of a rate and the frozen pane.
    static func readWorkbook(_ path: String) async throws -> [String: Any] {
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            figures = book["工作指标"]
            header = [cell.value for cell in figures[1]]
            bureau = next(row for row in figures.iter_rows(min_row=2) if row[0].value == "全局")
            rate = bureau[header.index("按时签收率")]
            print(json.dumps({"names": book.sheetnames, "bureauReceived": bureau[1].value,
                              "rateFormat": rate.number_format, "frozen": figures.freeze_panes}))
            """
        let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
        #expect(result.status == 0, "openpyxl (installed by scripts/setup.sh): \(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    struct Services {
        var intake: ServiceProcess
        var routing: ServiceProcess

        func ctl(_ arguments: [String]) async throws -> CommandResult {
            try await runCommand(
                "subanctl",
                arguments + [
                    "--address", "intake=127.0.0.1:\(intake.port)", "--address", "routing=127.0.0.1:\(routing.port)",
                ]
            )
        }

        func succeed(_ arguments: [String]) async throws -> String {
            let result = try await ctl(arguments)
            #expect(result.status == 0, "subanctl \(arguments.joined(separator: " ")): \(result.standardError)")
            return result.standardOutput
        }

        /// A pension order closed, one acknowledged, one only received.
        func fileThreeOrders() async throws {
            var ids: [String] = []
            for (index, content) in ["退休人员养老金本月未按时发放，请核实。", "养老保险转移接续进度查询。", "养老金调整标准咨询。"].enumerated() {
                let output = try await succeed([
                    "file", "--number", "12333-REPORT-\(index)", "--kind", "complaint", "--topic", "pension",
                    "--content", content, "--caller-phone", "1398765432\(index)", "--output", "json",
                ])
                let filed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                ids.append(try #require((filed["order"] as? [String: Any])?["id"] as? String))
            }
            let unit = "pension_insurance_center"
            for step in [
                ["acknowledge", ids[0], "--as", "liaison:li@\(unit)"],
                ["instruct", ids[0], "--as", "unit_leader:zhao@\(unit)", "--opinion", "请核实"],
                ["start", ids[0], "--as", "liaison:li@\(unit)"],
                ["reply", ids[0], "--as", "liaison:li@\(unit)", "--text", "已补发。", "--result", "solved"],
                ["review", ids[0], "--as", "bureau_desk:wang@office", "--approve"],
                ["send", ids[0], "--as", "bureau_desk:wang@office"],
                ["platform-review", ids[0], "--as", "bureau_desk:wang@office", "--accept"],
                ["callback", ids[0], "--as", "bureau_desk:wang@office", "--outcome", "satisfied"],
                ["acknowledge", ids[1], "--as", "liaison:li@\(unit)"],
            ] {
                _ = try await succeed(step)
            }
        }
    }

    func withServices(_ body: (Services) async throws -> Void) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-reports-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
        let intake: ServiceProcess
        do {
            intake = try await ServiceProcess.launch(
                "suban-intake",
                environment: [
                    "SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": dataDirectory, "SUBAN_ROUTING_PORT": "\(routing.port)",
                    // Nothing listens there: clock commands and mail wait in the outbox.
                    "SUBAN_SLA_PORT": "1", "SUBAN_GATEWAY_PORT": "1", "SUBAN_DIGEST_TIME": "off",
                ]
            )
        } catch {
            await routing.stop()
            throw error
        }
        do {
            try await body(Services(intake: intake, routing: routing))
        } catch {
            await intake.stop()
            await routing.stop()
            throw error
        }
        await intake.stop()
        await routing.stop()
    }
}

/// The mail an SMTP sink received.
final class Mailbox: Sendable {
    private let messages = Mutex<[SMTPSink.Message]>([])

    func add(_ message: SMTPSink.Message) { messages.withLock { $0.append(message) } }

    /// The daily digests among them.
    var digests: [SMTPSink.Message] { messages.withLock { $0.filter { $0.subject.hasPrefix("【每日考评】") } } }
}

/// Today's date in Beijing, as `YYYY-MM-DD`.
enum ShanghaiDay {
    static var today: Substring {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.formatOptions = [.withFullDate]
        return Substring(formatter.string(from: Date()))
    }
}

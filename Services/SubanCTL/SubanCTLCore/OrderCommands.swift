import ArgumentParser
import Domain
import Foundation
import ServiceDirectory
import WireProtocol

/// `subanctl list`: orders with filters, newest first, a page at a time.
struct ListOrders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List work orders.")

    @Option(help: "Only orders in this state.") var state: String?
    @Option(help: "Only orders of this unit.") var unit: String?
    @Option(help: "urgent or normal.") var urgency: String?
    @Option(help: "Only orders of this topic.") var topic: String?
    @Flag(
        help:
            "Only orders with a clock past its deadline (acknowledgement, handling, green channel), as SLA counts them."
    ) var overdue = false
    @Flag(help: "Only orders still received, never assigned, past intake's alarm threshold (default 5 minutes).")
    var stuck = false
    @Option(help: "Received on or after this day (YYYY-MM-DD, Asia/Shanghai).") var from: String?
    @Option(help: "Received before this day (YYYY-MM-DD, Asia/Shanghai).") var to: String?
    @Option(help: "Orders per page (1...500).") var limit: Int = 50
    @Option(name: .customLong("page-token"), help: "The token a previous page printed.") var pageToken: String?
    @Option(help: "An order's id or number, the caller's whole phone number, or words of its content.") var text:
        String?
    @OptionGroup var service: ServiceCallOptions

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be between 1 and 500") }
        for day in [from, to].compactMap({ $0 }) where LocalDate(day) == nil {
            throw ValidationError("\(day) is not a date (YYYY-MM-DD)")
        }
    }

    func run() async throws {
        let request = Wire.ListOrdersRequest(
            state: state ?? "", unit: unit ?? "", urgency: urgency ?? "", topic: topic ?? "", overdueOnly: overdue,
            receivedFromUnixMs: from.flatMap(LocalDate.init).map { Int64($0.startInstant.timeIntervalSince1970 * 1000) }
                ?? 0,
            receivedToUnixMs: to.flatMap(LocalDate.init).map { Int64($0.startInstant.timeIntervalSince1970 * 1000) }
                ?? 0,
            limit: UInt32(limit), pageToken: pageToken ?? "", stuckOnly: stuck, text: text ?? ""
        )
        let response = try await service.call(.intake, Wire.Intake.list, request)
        switch service.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "orders": response.orders.map(OrderPrinter.object), "next_page_token": response.nextPageToken,
                ]))
        case .table:
            print(OrderPrinter.listTable(response.orders))
            if !response.nextPageToken.isEmpty { print("more: --page-token '\(response.nextPageToken)'") }
        }
    }
}

/// `subanctl show`: one order with its whole event log.
struct ShowOrder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an order and its history.")

    @Argument(help: "The order: its id, or channel:platform-order-number.") var order: String
    @OptionGroup var service: ServiceCallOptions

    func run() async throws {
        let response = try await service.call(.intake, Wire.Intake.get, Wire.GetOrderRequest(id: order))
        // The deadlines are SLA's; the order still shows when SLA does not answer, saying so.
        let clocks: Result<[Wire.Clock], CommandFailure>
        do {
            let id = response.order?.id ?? order
            clocks = .success(
                try await service.call(.sla, Wire.SLA.listClocks, Wire.ListClocksRequest(orderId: id)).clocks)
        } catch let failure as CommandFailure {
            clocks = .failure(failure)
        }
        switch service.output {
        case .json:
            var object: [String: Any] = [
                "order": response.order.map(OrderPrinter.object) as Any,
                "events": response.events.map(OrderPrinter.object),
                "merged_orders": response.mergedOrders.map(OrderPrinter.object),
            ]
            switch clocks {
            case .success(let clocks): object["clocks"] = clocks.map(ClockPrinter.object)
            case .failure(let failure): object["clocks_error"] = failure.description
            }
            print(try OrderPrinter.json(object))
        case .table:
            if let order = response.order { print(OrderPrinter.summary(order)) }
            if !response.mergedOrders.isEmpty {
                print("\nmerged into this order (its reply answers the hotline_12345 ones):")
                response.mergedOrders.forEach { print("  \($0.platformOrderNumber)  (\($0.channel) \($0.id))") }
            }
            print("\ndeadlines:")
            switch clocks {
            case .success(let clocks): ClockPrinter.lines(clocks).forEach { print($0) }
            case .failure(let failure): print("  (not shown: \(failure))")
            }
            print("\nhistory:")
            for event in response.events { print("  " + OrderPrinter.eventLine(event)) }
        }
    }
}

/// `subanctl file`: an order taken by the bureau's own 12333 line (or, for tests and
/// demonstrations, one of 12345), into the same flow.
struct FileOrder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "file", abstract: "File a work order (12333 line).")

    @Option(help: "The order number on the filing line.") var number: String
    @Option(help: "hotline_12333 or hotline_12345.") var channel = "hotline_12333"
    @Option(help: "urgent or normal.") var urgency = "normal"
    @Option(help: "consultation, complaint, report, suggestion or help.") var kind: String
    @Option(help: "wage_arrears, pension, unemployment_insurance, …") var topic: String
    @Option(help: "What the caller said.") var content: String
    @Option(name: .customLong("location"), help: "Where it happened.") var address = ""
    @Option(name: .customLong("caller-name")) var callerName = ""
    @Option(name: .customLong("caller-phone")) var callerPhone: String
    @Option(name: .customLong("caller-id")) var callerID = ""
    @Option(name: .customLong("enterprise")) var enterpriseName = ""
    @Option(name: .customLong("credit-code")) var creditCode = ""
    @Option(help: "The platform's handling deadline, ISO-8601.") var deadline: String?
    @Flag(name: .customLong("wide-impact"), help: "Strong public reaction or wide impact.") var wideImpact = false
    @OptionGroup var service: ServiceCallOptions

    func validate() throws {
        if let deadline, ShanghaiTime.parseISO8601(deadline) == nil {
            throw ValidationError("--deadline \(deadline) is not an ISO-8601 time")
        }
    }

    func run() async throws {
        let draft = Wire.OrderDraft(
            platformOrderNumber: number, channel: channel, urgency: urgency, kind: kind, topic: topic,
            content: content, address: address,
            caller: Wire.Caller(name: callerName, phone: callerPhone, idNumber: callerID),
            enterprise: enterpriseName.isEmpty && creditCode.isEmpty
                ? nil : Wire.Enterprise(name: enterpriseName, creditCode: creditCode),
            dispatchedAtUnixMs: Int64(Date().timeIntervalSince1970 * 1000),
            handlingDeadlineUnixMs: deadline.flatMap(ShanghaiTime.parseISO8601).map {
                Int64($0.timeIntervalSince1970 * 1000)
            } ?? 0,
            wideImpact: wideImpact
        )
        let response = try await service.call(.intake, Wire.Intake.submit, Wire.SubmitOrderRequest(draft: draft))
        switch service.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "order": response.order.map(OrderPrinter.object) as Any, "created": response.created,
                    "rule": response.routing?.ruleId ?? "",
                ]))
        case .table:
            print(response.created ? "filed" : "already filed (nothing changed)")
            if let routing = response.routing { print("routed by \(routing.ruleId): \(routing.explanation)") }
            if let order = response.order { print(OrderPrinter.summary(order)) }
        }
    }
}

import Domain
import Foundation
import RPC
import ServiceDirectory
public import ServiceKit
import WireProtocol

// The wire methods of the sla service (Shared/Protos/suban/v1/sla.proto). Each parses the wire
// strings into domain values, calls the engine, and maps an `SLAError` to its status; times are
// Unix milliseconds, 0 meaning absent.

extension SLAService {
    /// The router of the sla methods over `engine`; `now` is the service's clock in Unix ms. Clocks
    /// are started, stopped, resumed and extended by the services; everyone reads them; the administrator loads calendars.
    public static func router(engine: SLAEngine, gate: CredentialGate, now: @escaping @Sendable () -> Int64) -> GuardedRouter {
        var router = GuardedRouter(gate: gate)
        let readers = Set<Role>.staff.union([.system])
        router.register("sla.start_clock", roles: [.system]) { (request: StartClockRequest, _, _) in
            try await mapped {
                let (clock, created) = try await engine.startClock(try ClockStart(wire: request), now: now())
                return StartClockResponse(clock: WireProtocol.Clock(clock), created: created)
            }
        }
        router.register("sla.stop_clocks", roles: [.system]) { (request: StopClocksRequest, _, _) in
            try await mapped {
                let kinds = try request.kinds.enumerated().map { index, text in
                    try clockKind(text, field: "kinds[\(index)]")
                }
                let clocks = try await engine.stopClocks(orderID: request.orderId, kinds: kinds, clockIDs: request.clockIds, reason: request.reason, now: now())
                return StopClocksResponse(clocks: clocks.map(WireProtocol.Clock.init))
            }
        }
        router.register("sla.resume_clocks", roles: [.system]) { (request: ResumeClocksRequest, _, _) in
            try await mapped {
                let clocks = try await engine.resumeClocks(orderID: request.orderId, stoppedFor: request.reason, now: now())
                return ResumeClocksResponse(clocks: clocks.map(WireProtocol.Clock.init))
            }
        }
        router.register("sla.extend_clock", roles: [.system]) { (request: ExtendClockRequest, _, _) in
            try await mapped {
                let decision = try await engine.extendClock(
                    orderID: request.orderId,
                    workingDays: request.workingDays == 0 ? nil : Int(request.workingDays),
                    newDue: request.newDueUnixMs == 0 ? nil : request.newDueUnixMs,
                    dryRun: request.dryRun,
                    granted: request.granted,
                    now: now()
                )
                return ExtendClockResponse(
                    allowed: decision.allowed,
                    reason: decision.reason,
                    newDueUnixMs: decision.newDue,
                    capUnixMs: decision.cap,
                    clock: WireProtocol.Clock(decision.clock)
                )
            }
        }
        router.register("sla.list_clocks", roles: readers) { (request: ListClocksRequest, _, _) in
            try await mapped {
                let calendar = engine.calendar
                return ListClocksResponse(
                    clocks: try await engine.clocks(orderID: request.orderId).map { WireProtocol.Clock($0, explainedBy: calendar) })
            }
        }
        router.register("sla.list_due", roles: readers) { (request: ListDueRequest, _, _) in
            try await mapped {
                let clocks = try await engine.dueClocks(
                    within: request.withinMs,
                    unit: request.unit.isEmpty ? nil : request.unit,
                    alsoOrderIDs: request.alsoOrderIds,
                    overdueOnly: request.overdueOnly,
                    now: now()
                )
                return ListDueResponse(clocks: clocks.map(WireProtocol.Clock.init))
            }
        }
        router.register("sla.load_calendar", roles: [.administrator]) { (request: LoadCalendarRequest, _, _) in
            try await mapped {
                let load = try await engine.loadCalendar(jsonBytes: request.json, now: now())
                return LoadCalendarResponse(year: UInt32(load.year), recomputed: UInt32(clamping: load.recomputed))
            }
        }
        router.register("sla.list_calendar", roles: readers) { (_: ListCalendarRequest, _, _) in
            try await mapped {
                ListCalendarResponse(years: try await engine.calendarInForce().map(CalendarYear.init))
            }
        }
        return router
    }

    /// Runs a handler body, turning an `SLAError` into its wire error.
    private static func mapped<Response>(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as SLAError {
            throw error.rpcError
        }
    }

    static func clockKind(_ text: String, field: String) throws(SLAError) -> ClockKind {
        guard let kind = ClockKind(rawValue: text) else {
            let known = ClockKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw SLAError(.invalidArgument, "\(field) is \"\(text)\"; expected one of \(known)", field: field)
        }
        return kind
    }
}

extension CalendarYear {
    init(_ entry: SLAEngine.CalendarYearInForce) throws {
        let year = entry.year
        self.init(
            year: UInt32(year.year),
            notice: year.notice,
            loaded: entry.loadedAt != nil,
            loadedUnixMs: entry.loadedAt ?? 0,
            daysOff: UInt32(year.daysOff.count),
            workingWeekendDays: UInt32(year.workingWeekendDays.count),
            json: [UInt8](try JSONEncoder().encode(year))
        )
    }
}

extension ClockStart {
    /// Parses the wire request; an empty urgency or order kind means "not given".
    init(wire request: StartClockRequest) throws(SLAError) {
        let urgency: WorkOrder.Urgency?
        if request.urgency.isEmpty {
            urgency = nil
        } else if let parsed = WorkOrder.Urgency(rawValue: request.urgency) {
            urgency = parsed
        } else {
            throw SLAError(.invalidArgument, "urgency must be urgent or normal", field: "urgency")
        }
        let orderKind: WorkOrder.Kind?
        if request.orderKind.isEmpty {
            orderKind = nil
        } else if let parsed = WorkOrder.Kind(rawValue: request.orderKind) {
            orderKind = parsed
        } else {
            let known = WorkOrder.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw SLAError(.invalidArgument, "order_kind must be one of \(known)", field: "order_kind")
        }
        guard request.startUnixMs >= 0 else {
            throw SLAError(.invalidArgument, "start_unix_ms must not be negative", field: "start_unix_ms")
        }
        guard request.dueUnixMs >= 0 else {
            throw SLAError(.invalidArgument, "due_unix_ms must not be negative", field: "due_unix_ms")
        }
        self.init(
            id: request.id,
            orderID: request.orderId,
            unit: request.unit,
            kind: try SLAService.clockKind(request.kind, field: "kind"),
            urgency: urgency,
            orderKind: orderKind,
            start: request.startUnixMs == 0 ? nil : request.startUnixMs,
            due: request.dueUnixMs == 0 ? nil : request.dueUnixMs,
            cycle: Int(request.cycle),
            dueWorkingDays: request.dueWorkingDays == 0 ? nil : Int(request.dueWorkingDays)
        )
    }
}

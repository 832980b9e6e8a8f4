import Domain
import Foundation
import RPC
import ServiceDirectory
public import ServiceKit
import WireProtocol

// The wire methods of the sla service (Shared/Protos/suban/v1/sla.proto). Each parses the wire
// strings into domain values, calls the engine, and throws an `SLAError` that reaches the wire as its status; times are
// Unix milliseconds, 0 meaning absent.

extension SLAService {
    /// The router of the sla methods over `engine`; `now` is the service's clock in Unix ms. Clocks
    /// are started, stopped, resumed and extended by the services; everyone reads them; the administrator loads calendars.
    public static func router(engine: SLAEngine, gate: CredentialGate, now: @escaping @Sendable () -> Int64)
        -> GuardedRouter
    {
        var router = GuardedRouter(gate: gate)
        let readers = Set<Role>.staff.union([.system])
        router.register(Wire.SLA.startClock, roles: [.system]) { (request: Wire.StartClockRequest, _, _) in
            let (clock, created) = try await engine.startClock(try ClockStart(wire: request), now: now())
            return Wire.StartClockResponse(clock: Wire.Clock(clock), created: created)
        }
        router.register(Wire.SLA.startClocks, roles: [.system]) { (request: Wire.StartClocksRequest, _, _) in
            // A request that does not parse is refused on its own, like one the engine refuses.
            var results: [Wire.StartClocksResult] = []
            var starts: [(position: Int, start: ClockStart)] = []
            for (position, clock) in request.clocks.enumerated() {
                do throws(SLAError) {
                    starts.append((position, try ClockStart(wire: clock)))
                    results.append(Wire.StartClocksResult())
                } catch {
                    results.append(Wire.StartClocksResult(error))
                }
            }
            let outcomes = try await engine.startClocks(each: starts.map(\.start), now: now())
            // Never claim a clock started that the engine did not answer for.
            guard outcomes.count == starts.count else {
                throw RPCError(.internal, "the engine answered \(outcomes.count) of \(starts.count) clock starts")
            }
            for (start, outcome) in zip(starts, outcomes) { results[start.position] = Wire.StartClocksResult(outcome) }
            return Wire.StartClocksResponse(results: results)
        }
        router.register(Wire.SLA.stopClocks, roles: [.system]) { (request: Wire.StopClocksRequest, _, _) in
            let kinds = try request.kinds.enumerated().map { index, text in
                try clockKind(text, field: "kinds[\(index)]")
            }
            let clocks = try await engine.stopClocks(
                orderID: request.orderId, kinds: kinds, clockIDs: request.clockIds, reason: request.reason, now: now())
            return Wire.StopClocksResponse(clocks: clocks.map(Wire.Clock.init))
        }
        router.register(Wire.SLA.resumeClocks, roles: [.system]) { (request: Wire.ResumeClocksRequest, _, _) in
            let clocks = try await engine.resumeClocks(orderID: request.orderId, stoppedFor: request.reason, now: now())
            return Wire.ResumeClocksResponse(clocks: clocks.map(Wire.Clock.init))
        }
        router.register(Wire.SLA.extendClock, roles: [.system]) { (request: Wire.ExtendClockRequest, _, _) in
            let decision = try await engine.extendClock(
                orderID: request.orderId,
                workingDays: request.workingDays == 0 ? nil : Int(request.workingDays),
                newDue: request.newDueUnixMs == 0 ? nil : request.newDueUnixMs,
                dryRun: request.dryRun,
                granted: request.granted,
                now: now()
            )
            return Wire.ExtendClockResponse(
                allowed: decision.allowed,
                reason: decision.reason,
                newDueUnixMs: decision.newDue,
                capUnixMs: decision.cap,
                clock: Wire.Clock(decision.clock)
            )
        }
        router.register(Wire.SLA.listClocks, roles: readers) { (request: Wire.ListClocksRequest, _, _) in
            let calendar = engine.calendar
            return Wire.ListClocksResponse(
                clocks: try await engine.clocks(orderID: request.orderId).map { Wire.Clock($0, explainedBy: calendar) })
        }
        router.register(Wire.SLA.listDue, roles: readers) { (request: Wire.ListDueRequest, _, _) in
            let clocks = try await engine.dueClocks(
                within: request.withinMs,
                unit: request.unit.isEmpty ? nil : request.unit,
                alsoOrderIDs: request.alsoOrderIds,
                overdueOnly: request.overdueOnly,
                now: now()
            )
            return Wire.ListDueResponse(clocks: clocks.map(Wire.Clock.init))
        }
        router.register(Wire.SLA.loadCalendar, roles: [.administrator]) { (request: Wire.LoadCalendarRequest, _, _) in
            let load = try await engine.loadCalendar(jsonBytes: request.json, now: now())
            return Wire.LoadCalendarResponse(year: UInt32(load.year), recomputed: UInt32(clamping: load.recomputed))
        }
        router.register(Wire.SLA.listCalendar, roles: readers) { (_: Wire.ListCalendarRequest, _, _) in
            Wire.ListCalendarResponse(years: try await engine.calendarInForce().map(Wire.CalendarYear.init))
        }
        return router
    }

    static func clockKind(_ text: String, field: String) throws(SLAError) -> ClockKind {
        guard let kind = ClockKind(rawValue: text) else {
            let known = ClockKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw SLAError(.invalidArgument, "\(field) is \"\(text)\"; expected one of \(known)", field: field)
        }
        return kind
    }
}

extension Wire.CalendarYear {
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

extension Wire.StartClocksResult {
    init(_ outcome: SLAEngine.StartOutcome) {
        switch outcome {
        case .created: self.init(created: true)
        case .existing: self.init(created: false)
        case .refused(let error): self.init(error)
        }
    }

    init(_ error: SLAError) {
        let wire = error.rpcError
        self.init(created: false, status: UInt32(wire.code.rawValue), message: wire.message)
    }
}

extension ClockStart {
    /// Parses the wire request; an empty urgency or order kind means "not given".
    init(wire request: Wire.StartClockRequest) throws(SLAError) {
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

import Domain
import Foundation
import HTTPTypes
import Hummingbird
import RPC
import WireProtocol

// 协调会商: the cases, the meeting calendar, one case and its steps, and opening a case from an order.

extension WebRoutes {
    /// Which cases a page lists: a unit's people their unit's (lead or taking part), as
    /// coordination lets them read, the bureau-wide roles all.
    func caseScope(_ staff: SignedInStaff, units: UnitNames) -> (unit: String, note: String) {
        if staff.readsEveryUnit || staff.unit == nil { return ("", "全局所有协调案件（最近更新的 \(CoordinationListPage.limit) 件）。") }
        let unit = staff.unit ?? ""
        return (unit, "本单位（\(units.name(unit))）牵头或参与的协调案件。")
    }

    func coordinationList(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        let filter = CoordinationListPage.Filter(FormFields(encoded: request.uri.query ?? ""))
        let units = await units(staff)
        let scope = caseScope(staff, units: units)
        do {
            let cases = try await backend.call(
                backend.coordination, Wire.Coordination.listCases, filter.request(unit: scope.unit),
                session: staff.session
            ).cases
            return WebResponse.page(
                CoordinationListPage.page(
                    staff: staff, filter: filter, cases: cases, units: units, scopeNote: scope.note))
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func meetingCalendar(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        let today = LocalDate(containing: Date())
        let from = FormFields(encoded: request.uri.query ?? "").text("from").flatMap { LocalDate($0) } ?? today
        let units = await units(staff)
        let scope = caseScope(staff, units: units)
        do {
            let cases = try await backend.call(
                backend.coordination, Wire.Coordination.listCases,
                Wire.ListCasesRequest(unit: scope.unit, limit: CoordinationListPage.limit),
                session: staff.session
            ).cases
            let calendar = MeetingCalendar(cases: cases, from: from)
            return WebResponse.page(
                MeetingCalendar.page(
                    staff: staff, calendar: calendar, today: today, units: units, scopeNote: scope.note))
        } catch {
            return refusal(error, staff: staff)
        }
    }

    /// One case. Its order is read from intake as the person: an order intake does not let them
    /// read (another unit's) keeps its case from them too.
    func coordinationCase(
        _ request: Request, id: String, staff known: SignedInStaff? = nil, flash: Flash? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let staff: SignedInStaff
        if let known { staff = known } else { staff = try await signedIn(request) }
        do throws(RPCError) {
            let found = try await backend.call(
                backend.coordination, Wire.Coordination.getCase, Wire.GetCaseRequest(id: id), session: staff.session)
            let orderID = found.coordinationCase?.orderId ?? ""
            var order: Result<Wire.WorkOrderView, RPCError>
            do throws(RPCError) {
                let read = try await backend.call(
                    backend.intake, Wire.Intake.get, Wire.GetOrderRequest(id: orderID), session: staff.session)
                order = .success(read.order ?? Wire.WorkOrderView())
            } catch {
                if [.unauthenticated, .permissionDenied].contains(error.code) { throw error }
                order = .failure(error)
            }
            let query = FormFields(encoded: request.uri.query ?? "")
            let done = query.text("done").flatMap(CoordinationAction.Kind.init(rawValue:))
            let conflicts = query.text("conflicts").flatMap(Int.init) ?? 0
            let shown =
                flash
                ?? done.map { kind in
                    Flash.ok("已完成：\(kind.label)" + (conflicts > 0 ? "。注意：该会议与 \(conflicts) 场会议时间冲突，见下方标注。" : ""))
                }
            let page = CoordinationCasePage.page(
                staff: staff, case: found, order: order, units: await units(staff), now: nowMilliseconds(), flash: shown
            )
            return WebResponse.page(page, status: status)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    /// A step form of a case page: coordination checks who may do what, in which state, and says
    /// why not; the page shows the case again with what happened.
    func coordinationStep(_ request: Request, id: String) async throws -> Response {
        let staff = try await signedIn(request)
        let fields = try await form(request, staff: staff)
        let view: Wire.CoordinationCaseView
        do {
            view =
                try await backend.call(
                    backend.coordination, Wire.Coordination.getCase, Wire.GetCaseRequest(id: id), session: staff.session
                ).coordinationCase ?? Wire.CoordinationCaseView()
        } catch {
            return refusal(error, staff: staff)
        }
        let step: CoordinationStepForm.Step
        do {
            step = try CoordinationStepForm.step(fields, case: view, staff: staff)
        } catch {
            return try await coordinationCase(
                request, id: view.id, staff: staff, flash: .error(error.message),
                status: error.forbidden ? .forbidden : .unprocessableContent)
        }
        do throws(RPCError) {
            let (kind, conflicts) = try await perform(step, staff: staff)
            let warning = conflicts > 0 ? "&conflicts=\(conflicts)" : ""
            return WebResponse.redirect("/coordination/\(view.id)?done=\(kind.rawValue)\(warning)")
        } catch {
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return try await coordinationCase(
                request, id: view.id, staff: staff, flash: .error(RefusalText.message(error)),
                status: RefusalText.status(error))
        }
    }

    /// Sends `step` to its coordination method; says which step it was and, for a meeting placed
    /// or moved, how many other meetings it now clashes with.
    private func perform(_ step: CoordinationStepForm.Step, staff: SignedInStaff) async throws(RPCError) -> (
        CoordinationAction.Kind, Int
    ) {
        func call<Request: WireMessage, Response: WireMessage>(
            _ method: MethodDescriptor<Request, Response>, _ request: Request
        ) async throws(RPCError) -> Response {
            try await backend.call(backend.coordination, method, request, session: staff.session)
        }
        switch step {
        case .scheduleMeeting(let request):
            let answer = try await call(Wire.Coordination.scheduleMeeting, request)
            return (.scheduleMeeting, answer.meeting?.conflicts.count ?? 0)
        case .rescheduleMeeting(let request):
            let answer = try await call(Wire.Coordination.rescheduleMeeting, request)
            return (.rescheduleMeeting, answer.meeting?.conflicts.count ?? 0)
        case .cancelMeeting(let request):
            _ = try await call(Wire.Coordination.cancelMeeting, request)
            return (.cancelMeeting, 0)
        case .recordAttendance(let request):
            _ = try await call(Wire.Coordination.recordAttendance, request)
            return (.recordAttendance, 0)
        case .recordMinutes(let request):
            _ = try await call(Wire.Coordination.recordMinutes, request)
            return (.recordMinutes, 0)
        case .addActionItem(let request):
            _ = try await call(Wire.Coordination.addActionItem, request)
            return (.addActionItem, 0)
        case .completeActionItem(let request):
            _ = try await call(Wire.Coordination.completeActionItem, request)
            return (.completeActionItem, 0)
        case .compile(let request):
            _ = try await call(Wire.Coordination.compileResult, request)
            return (.compile, 0)
        case .cancel(let request):
            _ = try await call(Wire.Coordination.cancelCase, request)
            return (.cancel, 0)
        }
    }

    /// The order page's 立案协调: coordination asks intake about the order itself and decides.
    func openCoordination(_ request: Request, orderID: String) async throws -> Response {
        let staff = try await signedIn(request)
        let fields = try await form(request, staff: staff)
        let view: Wire.WorkOrderView
        do {
            view =
                try await backend.call(
                    backend.intake, Wire.Intake.get, Wire.GetOrderRequest(id: orderID), session: staff.session
                ).order ?? Wire.WorkOrderView()
        } catch {
            return refusal(error, staff: staff)
        }
        let opening: Wire.OpenCaseRequest
        do {
            opening = try CoordinationStepForm.opening(fields, order: view, staff: staff)
        } catch {
            return try await order(
                request, id: orderID, flash: .error(error.message),
                status: error.forbidden ? .forbidden : .unprocessableContent)
        }
        do {
            let opened = try await backend.call(
                backend.coordination, Wire.Coordination.openCase, opening, session: staff.session)
            return WebResponse.redirect(
                "/coordination/\(opened.coordinationCase?.id ?? "")?done=\(CoordinationAction.Kind.open.rawValue)")
        } catch {
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return try await order(
                request, id: orderID, flash: .error(RefusalText.message(error)), status: RefusalText.status(error))
        }
    }

    /// The case of a coordinated order for its page: nil when it has none; coordination's error when
    /// it cannot say (the order still shows).
    func coordinationOfOrder(_ order: Wire.WorkOrderView, staff: SignedInStaff) async throws(RPCError) -> Result<
        Wire.CoordinationCaseView?, RPCError
    >? {
        guard CoordinationAccess.isCoordinated(order) else { return nil }
        do throws(RPCError) {
            let found = try await backend.call(
                backend.coordination, Wire.Coordination.getCase, Wire.GetCaseRequest(id: order.id),
                session: staff.session)
            return .success(found.coordinationCase)
        } catch {
            if error.code == .unauthenticated { throw error }
            return error.code == .notFound ? .success(nil) : .failure(error)
        }
    }
}

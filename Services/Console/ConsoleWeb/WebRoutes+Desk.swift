import Assessment
import Domain
import Foundation
import Hummingbird
import RPC
import WireProtocol

// The desk's dashboard and the knowledge base.

extension WebRoutes {
    /// How many orders of one state the dashboard reads; a count at this number means "at least".
    static let dashboardListLimit: UInt32 = 500

    func desk(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        guard DeskPage.mayView(staff) else {
            return refusal(RPCError(.permissionDenied, "值班台仅供局办公室值班账号和局领导使用"), staff: staff)
        }
        do throws(RPCError) {
            func list(_ request: Wire.ListOrdersRequest) async throws(RPCError) -> [Wire.WorkOrderView] {
                try await backend.call(backend.intake, Wire.Intake.list, request, session: staff.session).orders
            }
            let awaiting = try await list(
                Wire.ListOrdersRequest(
                    state: WorkOrder.State.assignedPendingAck.rawValue, limit: Self.dashboardListLimit))
            let unrouted = try await list(Wire.ListOrdersRequest(state: WorkOrder.State.received.rawValue, limit: 100))
            let stuck = try await list(Wire.ListOrdersRequest(limit: 100, stuckOnly: true))
            var clocks: [Wire.Clock] = []
            var note: String?
            do {
                clocks = try await backend.call(
                    backend.sla, Wire.SLA.listDue, Wire.ListDueRequest(withinMs: Self.clockWindowMilliseconds),
                    session: staff.session
                ).clocks
            } catch {
                if error.code == .unauthenticated { throw error }
                note = "时限服务暂时无法访问，超时和预警未计：\(error.message)" + RefusalText.traceNote(error)
            }
            let counts = DeskPage.counts(awaiting: awaiting, clocks: clocks, now: nowMilliseconds())
            // The month's ranking: the dashboard still shows its counts when intake cannot assess.
            let ranking: Result<AssessmentReport, RPCError>
            do throws(RPCError) {
                ranking = .success(
                    try await assessment(
                        ReportChoice(period: .month(containing: LocalDate(containing: Date()))), staff: staff))
            } catch {
                if error.code == .unauthenticated { throw error }
                ranking = .failure(error)
            }
            let query = FormFields(encoded: request.uri.query ?? "")
            let done =
                query["done"] == WorkOrderAction.Kind.assign.rawValue
                ? query.text("order").map { Flash.ok("已派单：\($0)") } : nil
            let page = DeskPage.page(
                staff: staff, counts: counts, units: await units(staff), unrouted: unrouted, stuck: stuck,
                clocksNote: note,
                ranking: ranking, flash: done)
            return WebResponse.page(page)
        } catch {
            return refusal(error, staff: staff)
        }
    }

    func knowledgeBase(_ request: Request) async throws -> Response {
        let staff = try await signedIn(request)
        let query = FormFields(encoded: request.uri.query ?? "").text("q") ?? ""
        guard !query.isEmpty else {
            return WebResponse.page(KnowledgePage.page(staff: staff, query: "", hits: nil, flash: nil))
        }
        do {
            let hits = try await backend.call(
                backend.intake, Wire.Intake.kbSearch, Wire.SearchArticlesRequest(query: query, limit: 20),
                session: staff.session
            ).hits
            return WebResponse.page(KnowledgePage.page(staff: staff, query: query, hits: hits, flash: nil))
        } catch {
            return refusal(error, staff: staff)
        }
    }
}

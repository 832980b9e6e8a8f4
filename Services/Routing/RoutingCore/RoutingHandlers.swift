import Domain
import Logging
import RPC
import WireProtocol

/// The RPC methods of the routing service, translating between the wire and the domain's `Router`.
struct RoutingHandlers: Sendable {
    let store: RoutingStore

    func router() -> RPCRouter {
        var router = RPCRouter()
        router.register("routing.route") { (request: RouteOrderRequest, context) in try await route(request, context) }
        router.register("routing.list_units") { (_: ListUnitsRequest, _) in try await listUnits() }
        router.register("routing.update_unit") { (request: UpdateUnitRequest, context) in
            try await updateUnit(request, context)
        }
        router.register("routing.import_enterprises") { (request: ImportEnterprisesRequest, context) in
            try await importEnterprises(request, context)
        }
        router.register("routing.list_enterprises") { (_: ListEnterprisesRequest, _) in try await listEnterprises() }
        return router
    }

    /// Decides where an order goes. Reads only: the same request gives the same decision until the data changes.
    func route(_ request: RouteOrderRequest, _ context: ServerContext) async throws -> RouteOrderResponse {
        let snapshot = try await store.snapshot()
        let facts = try RoutingWireMapping.facts(request, directory: snapshot.directory)
        let decision = Router.decide(
            facts, rules: snapshot.rules, directory: snapshot.directory, keyEnterprises: snapshot.keyEnterprises
        )
        context.logger.debug(
            "routing.decided",
            metadata: [
                "routing.rule": "\(decision.ruleID)", "routing.mode": "\(decision.mode.rawValue)",
                "unit.code": "\(decision.leadUnit)",
            ]
        )
        return RouteOrderResponse(decision: RoutingWireMapping.decision(decision))
    }

    func listUnits() async throws -> ListUnitsResponse {
        ListUnitsResponse(units: try await store.directory().units.map(RoutingWireMapping.unit))
    }

    /// Replaces a unit's name, people, topics and active flag; a refused edit lists every problem and changes
    /// nothing.
    func updateUnit(_ request: UpdateUnitRequest, _ context: ServerContext) async throws -> UpdateUnitResponse {
        let unit = try RoutingWireMapping.unitUpdate(request.unit, directory: try await store.directory())
        let updated: BureauUnit
        do {
            updated = try await store.update(unit)
        } catch let error as UnitDirectory.UpdateError {
            // Only when a concurrent edit made this one invalid after the check above.
            throw RPCError(
                .invalidArgument, "the unit \(unit.code) was not updated",
                fieldViolations: error.fieldErrors.map { RoutingWireMapping.violation($0, in: "unit") }
            )
        }
        context.logger.info("routing.unit.updated", metadata: ["unit.code": "\(updated.code)"])
        return UpdateUnitResponse(unit: RoutingWireMapping.unit(updated))
    }

    /// Imports the key enterprises from CSV: every row checked first, then all of them in one transaction.
    func importEnterprises(_ request: ImportEnterprisesRequest, _ context: ServerContext) async throws -> ImportEnterprisesResponse {
        let enterprises: [KeyEnterpriseList.Enterprise]
        do throws(KeyEnterpriseList.ImportError) {
            enterprises = try KeyEnterpriseList.parseCSV(request.csv)
        } catch {
            let lines = error.fieldErrors.count == 1 ? "1 problem" : "\(error.fieldErrors.count) problems"
            throw RPCError(
                .invalidArgument, "the CSV has \(lines); nothing was imported",
                fieldViolations: error.fieldErrors.map {
                    FieldViolation(field: $0.field, code: $0.code.rawValue, message: $0.message)
                }
            )
        }
        let total = try await store.importEnterprises(enterprises, replace: request.replace)
        context.logger.info(
            "routing.enterprises.imported",
            metadata: ["enterprises.imported": "\(enterprises.count)", "enterprises.total": "\(total)", "replace": "\(request.replace)"]
        )
        return ImportEnterprisesResponse(imported: UInt32(enterprises.count), total: UInt32(total))
    }

    func listEnterprises() async throws -> ListEnterprisesResponse {
        ListEnterprisesResponse(
            enterprises: try await store.enterprises().map { KeyEnterprise(name: $0.name, creditCode: $0.creditCode) }
        )
    }
}

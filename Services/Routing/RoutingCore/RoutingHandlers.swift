import Domain
import Foundation
import Identity
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The RPC methods of the routing service, translating between the wire and the domain's `Router`.
struct RoutingHandlers: Sendable {
    let store: RoutingStore

    /// Intake routes; everyone reads the directory; only administrators change it, each edit recorded as theirs.
    func router(gate: CredentialGate) -> GuardedRouter {
        var router = GuardedRouter(gate: gate)
        let readers = Set<Role>.staff.union([.system])
        // On the event loop: a decision reads only the snapshot kept in memory.
        router.registerImmediate(Wire.Routing.route, roles: [.system]) {
            (request: Wire.RouteOrderRequest, context, _) in
            try route(request, context)
        }
        router.register(Wire.Routing.listUnits, roles: readers) { (_: Wire.ListUnitsRequest, _, _) in
            try await listUnits()
        }
        router.register(Wire.Routing.updateUnit, roles: [.administrator]) {
            (request: Wire.UpdateUnitRequest, context, credential) in
            try await updateUnit(request, context, credential)
        }
        router.register(Wire.Routing.importUnits, roles: [.administrator]) {
            (request: Wire.ImportUnitsRequest, context, credential) in
            try await importUnits(request, context, credential)
        }
        router.register(Wire.Routing.importEnterprises, roles: [.administrator]) {
            (request: Wire.ImportEnterprisesRequest, context, credential) in
            try await importEnterprises(request, context, credential)
        }
        router.register(Wire.Routing.listEnterprises, roles: readers) { (_: Wire.ListEnterprisesRequest, _, _) in
            try await listEnterprises()
        }
        router.register(Wire.Routing.listRules, roles: readers) { (_: Wire.ListRulesRequest, _, _) in
            Wire.ListRulesResponse(rulesJson: Array(try await store.snapshot().rules.jsonBytes()))
        }
        router.register(Wire.Routing.replaceRules, roles: [.administrator]) {
            (request: Wire.ReplaceRulesRequest, context, credential) in
            try await replaceRules(request, context, credential)
        }
        return router
    }

    /// Decides where an order goes. Reads only: the same request gives the same decision until the data changes.
    /// Answered on the event loop from the snapshot kept in memory; when none is kept (its last load
    /// failed), the caller hears `unavailable` and retries while one caller's reload reads it again.
    func route(_ request: Wire.RouteOrderRequest, _ context: ServerContext) throws -> Wire.RouteOrderResponse {
        guard let snapshot = store.cache.kept else {
            reloadSnapshot()
            throw RPCError(.unavailable, "routing's directory and rules are being read again; retry")
        }
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
        return Wire.RouteOrderResponse(decision: RoutingWireMapping.decision(decision))
    }

    /// Starts one reload for the decisions that found no snapshot kept, however many they are.
    private func reloadSnapshot() {
        guard store.cache.claimReload() else { return }
        Task {
            defer { store.cache.reloadEnded() }
            await store.reloadSnapshot()
        }
    }

    func listUnits() async throws -> Wire.ListUnitsResponse {
        Wire.ListUnitsResponse(units: try await store.directory().units.map(RoutingWireMapping.unit))
    }

    /// Replaces a unit's name, people, topics and active flag; a refused edit lists every problem and changes
    /// nothing.
    func updateUnit(_ request: Wire.UpdateUnitRequest, _ context: ServerContext, _ credential: Credential) async throws
        -> Wire.UpdateUnitResponse
    {
        let unit = try RoutingWireMapping.unitUpdate(request.unit, directory: try await store.directory())
        let updated: BureauUnit
        do {
            updated = try await store.update(unit, by: credential)
        } catch let error as UnitDirectory.UpdateError {
            // Only when a concurrent edit made this one invalid after the check above.
            throw RPCError(
                .invalidArgument, "the unit \(unit.code) was not updated",
                fieldViolations: error.fieldErrors.map { RoutingWireMapping.violation($0, in: "unit") }
            )
        }
        context.logger.info(
            "routing.unit.updated", metadata: ["unit.code": "\(updated.code)", "account": "\(credential.account)"])
        return Wire.UpdateUnitResponse(unit: RoutingWireMapping.unit(updated))
    }

    /// Replaces the directory with a JSON or CSV file, whole or not at all: every problem of the file, and every
    /// unit it would drop or level it would change, is refused with its field and changes nothing.
    func importUnits(_ request: Wire.ImportUnitsRequest, _ context: ServerContext, _ credential: Credential)
        async throws -> Wire.ImportUnitsResponse
    {
        func refused(_ errors: [FieldError]) -> RPCError {
            let problems = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
            return RPCError(
                .invalidArgument, "the directory has \(problems); nothing was imported",
                fieldViolations: errors.map {
                    FieldViolation(field: $0.field, code: $0.code.rawValue, message: $0.message)
                }
            )
        }
        let imported: UnitDirectory
        do {
            switch request.format {
            case "json": imported = try UnitDirectory.decode(jsonBytes: Data(request.content))
            case "csv": imported = try UnitDirectory.decode(csvBytes: request.content)
            default:
                throw RPCError(
                    .invalidArgument, "the format is json or csv",
                    fieldViolations: [
                        FieldViolation(
                            field: "format", code: "unknown_value",
                            message: "expected json or csv, not \"\(request.format)\"")
                    ]
                )
            }
        } catch let error as FieldError {
            throw refused([error])
        } catch let error as UnitDirectory.UpdateError {
            throw refused(error.fieldErrors)
        }
        let summary: UnitDirectory.ImportSummary
        do {
            summary = try await store.importDirectory(imported, by: credential)
        } catch let error as UnitDirectory.UpdateError {
            throw refused(error.fieldErrors)
        }
        context.logger.notice(
            "routing.units.imported",
            metadata: [
                "units.total": "\(imported.units.count)", "units.added": "\(summary.added.count)",
                "units.changed": "\(summary.changed.count)", "account": "\(credential.account)",
            ]
        )
        return Wire.ImportUnitsResponse(
            added: summary.added, changed: summary.changed, total: UInt32(imported.units.count))
    }

    /// Imports the key enterprises from CSV: every row checked first, then all of them in one transaction.
    func importEnterprises(
        _ request: Wire.ImportEnterprisesRequest,
        _ context: ServerContext,
        _ credential: Credential
    ) async throws -> Wire.ImportEnterprisesResponse {
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
        let total = try await store.importEnterprises(enterprises, replace: request.replace, by: credential)
        context.logger.info(
            "routing.enterprises.imported",
            metadata: [
                "enterprises.imported": "\(enterprises.count)", "enterprises.total": "\(total)",
                "replace": "\(request.replace)",
            ]
        )
        return Wire.ImportEnterprisesResponse(imported: UInt32(enterprises.count), total: UInt32(total))
    }

    /// Replaces the rule set with the JSON given, whole or not at all: a set that does not decode
    /// or does not fit the directory is refused with the field at fault and changes nothing.
    func replaceRules(_ request: Wire.ReplaceRulesRequest, _ context: ServerContext, _ credential: Credential)
        async throws -> Wire.ReplaceRulesResponse
    {
        func refused(_ error: FieldError) -> RPCError {
            RPCError(
                .invalidArgument, "the rule set was not loaded: \(error.message)",
                fieldViolations: [FieldViolation(field: error.field, code: error.code.rawValue, message: error.message)]
            )
        }
        let rules: RoutingRuleSet
        let directory = try await store.directory()
        do throws(FieldError) {
            rules = try RoutingRuleSet.decode(jsonBytes: Data(request.rulesJson), directory: directory)
        } catch {
            throw refused(error)
        }
        do {
            _ = try await store.replace(rules, by: credential)
        } catch let error as FieldError {
            throw refused(error)  // the directory changed since it was read
        }
        context.logger.notice(
            "routing.rules.replaced",
            metadata: [
                "rules.version": "\(rules.version)", "rules.count": "\(rules.rules.count)",
                "account": "\(credential.account)",
            ]
        )
        return Wire.ReplaceRulesResponse(
            version: rules.version, rules: UInt32(rules.rules.count), terms: UInt32(rules.terms.count))
    }

    func listEnterprises() async throws -> Wire.ListEnterprisesResponse {
        Wire.ListEnterprisesResponse(
            enterprises: try await store.enterprises().map {
                Wire.KeyEnterprise(name: $0.name, creditCode: $0.creditCode)
            }
        )
    }
}

import Domain
import Foundation
public import WireProtocol

// Compiled into a module named RoutingCore together with routing's own RoutingWireMapping.swift
// (scripts/fuzz.sh). Each function is the part of a `RoutingHandlers` method before the store.

/// Routing's requests read against the shipped directory and rules.
public enum RoutingRequestMapping {
    /// `routing.route`: the facts read, then the decision and its wire form.
    public static func route(_ request: Wire.RouteOrderRequest) {
        guard let facts = try? RoutingWireMapping.facts(request, directory: .shipped) else { return }
        let decision = Router.decide(facts, rules: .shipped, directory: .shipped, keyEnterprises: KeyEnterpriseList())
        _ = RoutingWireMapping.decision(decision)
    }

    /// `routing.update_unit`: the unit read and checked against the directory.
    public static func updateUnit(_ request: Wire.UpdateUnitRequest) {
        _ = try? RoutingWireMapping.unitUpdate(request.unit, directory: .shipped)
    }

    /// `routing.import_units`: the JSON or CSV file read into a directory, as the handler switches.
    public static func importUnits(_ request: Wire.ImportUnitsRequest) {
        switch request.format {
        case "json": _ = try? UnitDirectory.decode(jsonBytes: Data(request.content))
        case "csv": _ = try? UnitDirectory.decode(csvBytes: request.content)
        default: break
        }
    }

    /// `routing.import_enterprises`: the key enterprises' CSV.
    public static func importEnterprises(_ request: Wire.ImportEnterprisesRequest) {
        _ = try? KeyEnterpriseList.parseCSV(request.csv)
    }

    /// `routing.replace_rules`: the rule set's JSON, checked against the directory.
    public static func replaceRules(_ request: Wire.ReplaceRulesRequest) {
        _ = try? RoutingRuleSet.decode(jsonBytes: Data(request.rulesJson), directory: .shipped)
    }
}

import Domain
import Foundation
import RPC
import WireProtocol

// Translation between the wire messages of routing.proto and the domain. Domain values travel as their
// snake_case strings; an unknown one is answered with a field violation naming the wire field.

/// Conversions between wire messages and domain values, and domain field errors as wire violations.
enum RoutingWireMapping {
    /// The facts of a route request, or `invalidArgument` listing every unknown or missing value.
    static func facts(_ request: Wire.RouteOrderRequest, directory: UnitDirectory) throws(RPCError) -> RoutingFacts {
        var violations: [FieldViolation] = []
        let topic = value(WorkOrder.Topic.self, request.topic, field: "topic", violations: &violations)
        let kind = value(WorkOrder.Kind.self, request.kind, field: "kind", violations: &violations)
        let urgency = value(WorkOrder.Urgency.self, request.urgency, field: "urgency", violations: &violations)
        for (index, code) in request.excludedUnits.enumerated() where directory[code] == nil {
            violations.append(
                FieldViolation(
                    field: "excluded_units[\(index)]", code: RoutingFieldCode.unknownUnit.rawValue,
                    message: "there is no unit with code \"\(code)\""
                )
            )
        }
        guard let topic, let kind, let urgency, violations.isEmpty else {
            throw RPCError(.invalidArgument, "the route request is invalid", fieldViolations: violations)
        }
        return RoutingFacts(
            topic: topic,
            kind: kind,
            urgency: urgency,
            content: request.content,
            enterpriseName: request.enterpriseName.isEmpty ? nil : request.enterpriseName,
            enterpriseCreditCode: request.enterpriseCreditCode.isEmpty ? nil : request.enterpriseCreditCode,
            excludedUnits: Set(request.excludedUnits),
            knowledgeBaseMatch: request.knowledgeBaseMatch,
            wideImpact: request.wideImpact
        )
    }

    static func decision(_ decision: Domain.RoutingDecision) -> Wire.RoutingDecision {
        Wire.RoutingDecision(
            units: decision.units,
            handlingMode: decision.mode.rawValue,
            track: decision.track.rawValue,
            ruleId: decision.ruleID,
            explanation: decision.explanation
        )
    }

    static func unit(_ unit: BureauUnit) -> Wire.Unit {
        Wire.Unit(
            code: unit.code,
            name: unit.name,
            level: unit.level.rawValue,
            topics: unit.topics.map(\.rawValue),
            active: unit.active
        )
    }

    /// The unit of an update request with every problem found: unknown level or topic strings here, the rest by
    /// the directory's own check. A blank level means "unchanged", for callers that do not send it.
    static func unitUpdate(_ wire: Wire.Unit?, directory: UnitDirectory) throws(RPCError) -> BureauUnit {
        guard let wire else {
            throw RPCError(
                .invalidArgument, "the unit is required",
                fieldViolations: [
                    FieldViolation(
                        field: "unit", code: FieldError.Code.required.rawValue, message: "the unit is required")
                ]
            )
        }
        var violations: [FieldViolation] = []
        let current = directory[wire.code]
        var level = current?.level ?? .unit
        if !wire.level.isEmpty {
            level = value(BureauUnit.Level.self, wire.level, field: "unit.level", violations: &violations) ?? level
        }
        var topics: [WorkOrder.Topic] = []
        for (index, text) in wire.topics.enumerated() {
            if let topic = value(WorkOrder.Topic.self, text, field: "unit.topics[\(index)]", violations: &violations) {
                topics.append(topic)
            }
        }
        let unit = BureauUnit(
            code: wire.code,
            name: wire.name,
            level: level,
            topics: topics,
            active: wire.active
        )
        // With an unknown string dropped, the domain's topic indices no longer match the wire's: its topic
        // errors are only reported when every string was known.
        let domainErrors = directory.problems(updating: unit).filter {
            violations.isEmpty || !$0.field.hasPrefix("topics")
        }
        violations += domainErrors.map { violation($0, in: "unit") }
        guard violations.isEmpty else {
            throw RPCError(.invalidArgument, "the unit \(wire.code) was not updated", fieldViolations: violations)
        }
        return unit
    }

    /// A domain field error as a wire violation: `topics[1]` within `unit` becomes `unit.topics[1]`; a dotted
    /// JSON path becomes the proto field's snake_case name.
    static func violation(_ error: FieldError, in message: String) -> FieldViolation {
        let field = error.field.replacingOccurrences(of: ".", with: "_")
        return FieldViolation(field: message + "." + field, code: error.code.rawValue, message: error.message)
    }

    private static func value<Value: RawRepresentable<String> & CaseIterable>(
        _ type: Value.Type,
        _ text: String,
        field: String,
        violations: inout [FieldViolation]
    ) -> Value? {
        if let value = Value(rawValue: text) { return value }
        let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
        violations.append(
            text.isEmpty
                ? FieldViolation(
                    field: field, code: FieldError.Code.required.rawValue,
                    message: "\(field) is required; one of \(known)")
                : FieldViolation(
                    field: field, code: RoutingFieldCode.unknownValue.rawValue,
                    message: "unknown \(field) \"\(text)\"; expected one of \(known)"
                )
        )
        return nil
    }
}

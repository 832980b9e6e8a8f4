import Domain
import Foundation
public import WireProtocol

// Compiled into a module named IntakeCore together with intake's own WireMapping.swift and
// WireMapping+Action.swift (scripts/fuzz.sh), so that the fuzzer calls the service's mapping itself.

/// What intake does with a request before it reaches the store: the wire read into domain values,
/// then the domain's own checks, and the order shown back the way staff see it.
public enum IntakeRequestMapping {
    static let receivedAt = Date(timeIntervalSince1970: 1_795_000_000)

    /// `intake.submit`: the draft read (`WorkOrderDraft(wire:)`), validated and normalised by
    /// `WorkOrder(id:draft:)`, and the stored order answered as a masked `WorkOrderView`.
    public static func submit(_ request: Wire.SubmitOrderRequest) {
        guard let draft = try? WorkOrderDraft(wire: request.draft, receivedAt: receivedAt) else { return }
        guard let order = try? WorkOrder(id: "ord-fuzz", draft: draft) else { return }
        _ = Wire.WorkOrderView(order, duplicates: [], suggestedArticle: nil)
    }

    /// `intake.apply`: the action named by the request, with the values it needs.
    public static func apply(_ request: Wire.ApplyActionRequest) {
        _ = try? WorkOrderAction(wire: request)
    }
}

// A copy of the extension in ClockCommands.swift, which the mapping uses and which cannot be compiled here:
// that file also needs Outbox and ServiceKit.
extension Date {
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}

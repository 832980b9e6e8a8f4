import Domain
import Foundation
import GRDB
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Routing and dispatch of a new order. `submit` asks routing before it stores the order: an
/// assignment routing decides is stored in the order's own transaction (one commit an order).
/// Otherwise the order is stored with a durable step, an outbox entry in the same transaction, so
/// that an order stored is routed even when intake or routing crashes before it is; the outbox
/// takes the step, retrying until done. Steps apply the assignment under one idempotency key, so
/// that the order is assigned once whoever gets there first.
struct RouteStep: Sendable {
    static let method = Wire.Routing.route
    /// How long the outbox waits before it asks routing again about an order routing left for the desk.
    static let grace: Int64 = 5_000

    let desk: IntakeDesk
    let routing: RPCClient
    let logger: Logger

    /// What a new order is stored with for its routing: what routing was asked and what it answered.
    struct Plan: Sendable {
        var request: Wire.RouteOrderRequest
        /// Routing's assignment, applied in the order's own transaction; without one, or when the
        /// order refuses it, the order gets a step instead.
        var assignment: Assignment?
        /// Whether routing answered: a step is due at once when it did not, after ``grace`` when it
        /// left the order for the desk (which may still assign it).
        var answered: Bool
    }

    /// The change routing's decision asks for.
    struct Assignment: Sendable {
        var action: WorkOrderAction
        var details: [String: String]
        static let actor = WorkOrder.Actor(id: "intake", role: .system)
    }

    /// The assignment `decision` asks for; `nil` when it leaves the order for the desk (no rule
    /// matched, or an answer from the knowledge base).
    static func assignment(for decision: Wire.RoutingDecision?) -> Assignment? {
        guard let decision, decision.handlingMode != "immediate_answer",
            let mode = WorkOrder.HandlingMode(rawValue: decision.handlingMode),
            let track = WorkOrder.Track(rawValue: decision.track)
        else { return nil }
        return Assignment(
            action: .assign(units: decision.units, mode: mode, track: track),
            details: ["routing.rule": decision.ruleId, "routing.explanation": decision.explanation])
    }

    /// The step for `order`, written with it; due after ``grace`` unless `dueAtOnce`.
    static func message(
        for order: WorkOrder, request: Wire.RouteOrderRequest, at now: Date, dueAtOnce: Bool = false
    ) throws -> OutboxMessage {
        var message = IntakeOutbox.message(
            to: .routing, method: method, body: try request.wireBytes(), orderID: order.id)
        message.deduplicationKey = key(order.id)
        message.notBefore = dueAtOnce ? nil : now.unixMilliseconds + grace
        return message
    }

    static func key(_ orderID: String) -> String { "route:" + orderID }

    /// Takes the step from the outbox.
    func deliver(_ entry: Outbox.OutboxEntry) async -> DeliveryResult {
        guard let orderID = entry.orderingKey else { return .refused("a routing step without its order") }
        let decision: Wire.RoutingDecision?
        do {
            let request = try Wire.RouteOrderRequest(wireBytes: entry.message.body)
            decision = try await routing.call(
                Self.method, request, timeout: .seconds(5)
            ).decision
        } catch let error as RPCError {
            return DeliveryResult(error)
        } catch {
            return .refused("the stored routing request cannot be read: \(error)")
        }
        return await assign(orderID, as: decision).result
    }

    /// Assigns the order as routing decided, once. An order that is no longer waiting (the desk
    /// assigned or merged it meanwhile) or a decision to answer from the knowledge base leaves it
    /// as it is: the step is done either way. The order comes back as assigned, when it was.
    /// `cycle` > 1: a returned order dispatched again, whose first cycle used the plain key.
    func assign(_ orderID: String, as decision: Wire.RoutingDecision?, cycle: Int = 1) async
        -> (result: DeliveryResult, order: WorkOrder?)
    {
        guard let assignment = Self.assignment(for: decision) else {
            return (.delivered(note: "left for the desk"), nil)
        }
        do {
            let (order, _) = try await desk.applyTogether(
                assignment.action, to: orderID, by: Assignment.actor, details: assignment.details,
                idempotencyKey: Self.key(orderID) + (cycle > 1 ? "/cycle/\(cycle)" : ""),
                completingOutbox: Self.key(orderID),
                // Routing's answer is for an order nobody has assigned: one the desk assigned
                // meanwhile keeps the desk's units (assign is also the desk's transfer).
                onlyIn: .received
            )
            return (.delivered, order)
        } catch let error as any RPCErrorConvertible where error.rpcError.code == .failedPrecondition {
            return (.delivered(note: "the order had moved on: \(error.rpcError.message)"), nil)
        } catch let error as any RPCErrorConvertible {
            return (DeliveryResult(error.rpcError), nil)
        } catch {
            logger.error("intake.route.assign_failed", metadata: ["order.id": "\(orderID)", "error": "\(error)"])
            return (.failed("\(error)"), nil)
        }
    }
}

import Domain
import Foundation
import GRDB
import Logging
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Routing and dispatch of a new order as a durable step: the step is an outbox entry written in
/// the order's own transaction, so that an order stored is routed even when intake or routing
/// crashes before it is. `submit` takes the step at once when routing answers; the outbox takes it
/// otherwise, retrying until done. Both apply the assignment under one idempotency key, so that
/// the order is assigned once whoever gets there first.
struct RouteStep: Sendable {
    static let method = Wire.Routing.route
    /// How long the outbox leaves a new order's step to `submit`, which usually takes it at once.
    static let grace: Int64 = 5_000

    let desk: IntakeDesk
    let routing: RPCClient
    let logger: Logger

    /// The step for `order`, written with it.
    static func message(for order: WorkOrder, request: Wire.RouteOrderRequest, at now: Date) throws -> OutboxMessage {
        var message = IntakeOutbox.message(
            to: .routing, method: method, body: try request.wireBytes(), orderID: order.id)
        message.deduplicationKey = key(order.id)
        message.notBefore = now.unixMilliseconds + grace
        return message
    }

    static func key(_ orderID: String) -> String { "route:" + orderID }

    /// Hands the step of `orderID` to the outbox at once: `submit` could not take it.
    func makeDue(_ orderID: String) throws {
        try desk.store.database.write { db in
            try db.execute(
                sql: "UPDATE outbox_entry SET next_attempt_ms = ? WHERE deduplication_key = ? AND state = 'pending'",
                arguments: [Date().unixMilliseconds, Self.key(orderID)]
            )
        }
        desk.outboxChanged()
    }

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
        guard let decision, decision.handlingMode != "immediate_answer",
            let mode = WorkOrder.HandlingMode(rawValue: decision.handlingMode),
            let track = WorkOrder.Track(rawValue: decision.track)
        else { return (.delivered(note: "left for the desk"), nil) }
        do {
            let (order, _) = try await desk.applyTogether(
                .assign(units: decision.units, mode: mode, track: track), to: orderID, by: IntakeHandlers.systemActor,
                details: ["routing.rule": decision.ruleId, "routing.explanation": decision.explanation],
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

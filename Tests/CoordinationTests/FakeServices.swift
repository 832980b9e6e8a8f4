import Foundation
import Outbox
import RPC
import Synchronization
import TestSupport
import WireProtocol

/// Intake, SLA, the gateway and routing as the coordination service sees them, on one test server: intake answers
/// `intake.get` from the orders a test puts in and records `intake.apply`; the others record what they are asked.
final class FakeServices: Sendable {
    struct Call: Sendable {
        var method: String
        var body: [UInt8]

        func decode<Message: WireMessage>(_ type: Message.Type) throws -> Message { try Message(wireBytes: body) }
    }

    let notifications = Collector<Wire.NotifyRequest>()
    let clockCalls = Collector<Call>()
    let applied = Collector<Wire.ApplyActionRequest>()
    private let orders = Mutex<[String: Wire.WorkOrderView]>([:])
    private let gatewayRefusal = Mutex<RPCError?>(nil)
    private let applyRefusal = Mutex<RPCError?>(nil)

    /// Makes the gateway refuse every notification with `error` (`unavailable` is retried by the outbox, others
    /// are final), or accept them again with `nil`.
    func refuseNotifications(_ error: RPCError?) {
        gatewayRefusal.withLock { $0 = error }
    }

    /// Makes intake refuse `intake.apply` with `error`, or accept it again with `nil`.
    func refuseApply(_ error: RPCError?) {
        applyRefusal.withLock { $0 = error }
    }

    static let unitNames = [
        "work_injury_insurance_center": "工伤保险中心", "unemployment_insurance_center": "失业保险中心", "office": "办公室",
        "talent_exchange_center": "人才交流中心",
    ]

    func put(_ order: Wire.WorkOrderView) {
        orders.withLock { $0[order.id] = order }
    }

    func order(_ id: String) -> Wire.WorkOrderView? {
        orders.withLock { $0[id] }
    }

    func router() -> RPCRouter {
        var router = RPCRouter()
        router.register("intake.get") { (request: Wire.GetOrderRequest, _) -> Wire.GetOrderResponse in
            guard let order = self.order(request.id) else { throw RPCError(.notFound, "no order \(request.id)") }
            return Wire.GetOrderResponse(order: order)
        }
        router.register("intake.apply") { (request: Wire.ApplyActionRequest, _) -> Wire.ApplyActionResponse in
            if let refusal = self.applyRefusal.withLock({ $0 }) { throw refusal }
            let changed = self.orders.withLock { orders -> Wire.WorkOrderView? in
                orders[request.orderId]?.state = "reply_drafted"
                orders[request.orderId]?.replyText = request.text
                return orders[request.orderId]
            }
            self.applied.append(request)
            return Wire.ApplyActionResponse(order: changed)
        }
        router.register("gateway.notify") { (request: Wire.NotifyRequest, _) -> Wire.NotifyResponse in
            if let refusal = self.gatewayRefusal.withLock({ $0 }) { throw refusal }
            self.notifications.append(request)
            return Wire.NotifyResponse(enqueued: true)
        }
        for method in ["sla.start_clock", "sla.stop_clocks"] {
            router.registerRaw(method) { body, _ in
                self.clockCalls.append(Call(method: method, body: body))
                return []
            }
        }
        router.register("routing.list_units") { (_: Wire.ListUnitsRequest, _) -> Wire.ListUnitsResponse in
            Wire.ListUnitsResponse(units: Self.unitNames.map { Wire.Unit(code: $0.key, name: $0.value) })
        }
        return router
    }

    /// An order as intake shows it.
    static func order(
        id: String = "WO-1",
        state: String = "in_progress",
        mode: String = "joint_handling",
        track: String = "regular",
        units: [String] = ["work_injury_insurance_center", "unemployment_insurance_center"]
    ) -> Wire.WorkOrderView {
        Wire.WorkOrderView(
            id: id, platformOrderNumber: "SMX-\(id)", channel: "hotline_12345", urgency: "normal", kind: "complaint",
            topic: "work_injury", state: state, handlingMode: mode, track: track, responsibleUnits: units
        )
    }
}

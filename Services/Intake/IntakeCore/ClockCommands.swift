import Domain
import Foundation
import Outbox
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Which SLA clocks a change of an order starts or stops (DESIGN.md, "Clocks and deadlines"):
/// assignment starts the acknowledgement clock; acknowledgement stops it and starts the handling
/// clock (and the same-day clock of a green-channel order); replying stops handling; a new cycle
/// starts a new handling clock; closing, returning or merging stops everything, and unmerging
/// runs again what merging stopped.
enum ClockCommands {
    static let start = Wire.SLA.startClock
    static let stop = Wire.SLA.stopClocks
    static let extend = Wire.SLA.extendClock
    static let resume = Wire.SLA.resumeClocks

    static func after(_ event: WorkOrderEvent, from before: WorkOrder, to order: WorkOrder, at now: Date) throws
        -> [OutboxMessage]
    {
        var messages: [OutboxMessage] = []
        let unit = order.responsibleUnits.first ?? ""
        func startClock(_ kind: String, start: Date, due: Date?) throws {
            let request = Wire.StartClockRequest(
                id: "\(order.id)/\(kind)/\(order.cycle)",
                orderId: order.id,
                unit: unit,
                kind: kind,
                urgency: order.urgency.rawValue,
                orderKind: order.kind.rawValue,
                startUnixMs: start.unixMilliseconds,
                dueUnixMs: due?.unixMilliseconds ?? 0,
                cycle: UInt32(order.cycle)
            )
            messages.append(
                IntakeOutbox.message(to: .sla, method: Self.start, body: try request.wireBytes(), orderID: order.id))
        }
        func stopClocks(_ kinds: [String], reason: String) throws {
            let request = Wire.StopClocksRequest(orderId: order.id, kinds: kinds, reason: reason)
            messages.append(
                IntakeOutbox.message(to: .sla, method: Self.stop, body: try request.wireBytes(), orderID: order.id))
        }

        switch (before.state, order.state) {
        case (_, .closed), (_, .returned), (_, .merged), (_, .answeredFromKnowledgeBase):
            try stopClocks([], reason: order.state.rawValue)
            return messages
        default:
            break
        }
        switch event.action {
        case .unmerge:
            // Merging stopped them for the state's name; they run again with the time they had left.
            let request = Wire.ResumeClocksRequest(orderId: order.id, reason: WorkOrder.State.merged.rawValue)
            messages.append(
                IntakeOutbox.message(to: .sla, method: Self.resume, body: try request.wireBytes(), orderID: order.id))
        case .assign where before.state == .received:
            try startClock("acknowledge", start: order.dispatchedAt, due: nil)
        case .acknowledge:
            try stopClocks(["acknowledge"], reason: "acknowledged")
            try startClock("handling", start: now, due: order.handlingDeadline)
            if order.track == .greenChannel { try startClock("green_same_day", start: now, due: nil) }
        case .sendToPlatform:
            try stopClocks(["handling", "green_same_day", "green_complex", "green_difficult"], reason: "replied")
        case .classifyGreenChannel:
            // The level's clock replaces the same-day one, counted from the classification.
            guard let level = order.greenChannelLevel else { break }
            try stopClocks(["green_same_day"], reason: "classified")
            try startClock(level.clockKind.rawValue, start: now, due: nil)
        case .approveExtension:
            let request = Wire.ExtendClockRequest(
                orderId: order.id, newDueUnixMs: order.handlingDeadline?.unixMilliseconds ?? 0, granted: true)
            messages.append(
                IntakeOutbox.message(to: .sla, method: Self.extend, body: try request.wireBytes(), orderID: order.id))
        default:
            break
        }
        if order.cycle > before.cycle, order.state == .inProgress {
            let deadline = order.handlingDeadline.flatMap { $0 > now ? $0 : nil }
            try startClock("handling", start: now, due: deadline)
        }
        return messages
    }
}

extension Date {
    var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}

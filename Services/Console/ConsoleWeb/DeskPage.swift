import Assessment
import Domain
import Foundation
import RPC
import WireProtocol

/// 值班台: the level-1 account's view of every unit, what awaits acknowledgement, what is late or
/// about to be, what is due today, and the orders nobody has routed.
enum DeskPage {
    /// The desk on duty and the bureau's leaders; the units' own people have their queue.
    static func mayView(_ staff: SignedInStaff) -> Bool {
        staff.roles.contains(.bureauDesk) || staff.roles.contains(.bureauLeader)
    }

    struct Counts: Sendable, Equatable {
        var awaitingAcknowledgement = 0
        var overdue = 0
        var warning = 0
        var dueToday = 0
    }

    /// Per unit: orders awaiting acknowledgement (from intake) and the running clocks overdue, in
    /// warning, and due by the end of today in Beijing (from SLA).
    static func counts(awaiting: [Wire.WorkOrderView], clocks: [Wire.Clock], now: Int64) -> [String: Counts] {
        var counts: [String: Counts] = [:]
        for order in awaiting {
            for unit in order.responsibleUnits { counts[unit, default: Counts()].awaitingAcknowledgement += 1 }
        }
        let endOfToday = Int64(
            LocalDate(containing: Date(timeIntervalSince1970: Double(now) / 1000)).endInstant.timeIntervalSince1970
                * 1000)
        for clock in clocks where clock.state != "stopped" {
            switch ClockLight(clock, now: now) {
            case .red: counts[clock.unit, default: Counts()].overdue += 1
            case .yellow: counts[clock.unit, default: Counts()].warning += 1
            default: break
            }
            if clock.dueUnixMs >= now && clock.dueUnixMs <= endOfToday {
                counts[clock.unit, default: Counts()].dueToday += 1
            }
        }
        return counts
    }

    static func page(
        staff: SignedInStaff, counts: [String: Counts], units: UnitNames, unrouted: [Wire.WorkOrderView],
        stuck: [Wire.WorkOrderView],
        clocksNote: String?, ranking: Result<AssessmentReport, RPCError>, flash: Flash? = nil
    ) -> HTML {
        var codes = units.units.filter { $0.active }.map(\.code)
        for code in counts.keys.sorted() where !codes.contains(code) { codes.append(code) }
        var rows: [HTML] = []
        for code in codes {
            let count = counts[code] ?? Counts()
            rows.append(
                """
                <tr data-unit="\(code)"><td><a href="/orders?unit=\(code)">\(units.name(code))</a></td>\
                <td data-count="awaiting_ack">\(count.awaitingAcknowledgement)</td><td data-count="overdue" class="\(count.overdue > 0 ? "overdue" : "")">\(count.overdue)</td>\
                <td data-count="warning">\(count.warning)</td><td data-count="due_today">\(count.dueToday)</td></tr>
                """
            )
        }
        let body: HTML = """
            <h1>值班台</h1>
            \(clocksNote.map { "<p class=\"flash flash-error\">\($0)</p>" as HTML } ?? .empty)
            <table id="desk-counts">
            <thead><tr><th>单位</th><th>待签收</th><th>超时</th><th>预警</th><th>今日到期</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <h2>待派单（\(unrouted.count)）</h2>
            \(assignable(unrouted, staff: staff, units: units))
            <h2>停滞工单（\(stuck.count)）</h2>
            \(orderList(stuck))
            <h2>本月考评排名</h2>
            \(DeskRanking.table(ranking))
            """
        return PageLayout.page(title: "值班台", staff: staff, flash: flash, body: body)
    }

    /// The orders nobody routed, each with a form to assign it where it stands (the desk's step;
    /// intake still checks it) and a link to the order for anything more.
    private static func assignable(_ orders: [Wire.WorkOrderView], staff: SignedInStaff, units: UnitNames) -> HTML {
        guard staff.isDesk, !orders.isEmpty else { return orderList(orders) }
        let choices = units.units.filter { $0.active && $0.level != "desk" }.map { ($0.code, $0.name) }
        let modes = WorkOrder.HandlingMode.allCases.map { ($0.rawValue, $0.label) }
        var items: [HTML] = []
        for order in orders {
            let number = order.platformOrderNumber.isEmpty ? order.id : order.platformOrderNumber
            items.append(
                """
                <li data-order-id="\(order.id)"><a href="/orders/\(order.id)">\(number)</a> \(PageLayout.time(order.receivedAtUnixMs)) \(String(order.content.prefix(40)))
                <form method="post" action="/orders/\(order.id)/actions" class="inline assign">
                \(PageLayout.csrfField(staff))<input type="hidden" name="action" value="assign"><input type="hidden" name="back" value="desk">\
                <input type="hidden" name="track" value="\(order.track.isEmpty ? WorkOrder.Track.regular.rawValue : order.track)">
                \(FormControls.select("units", label: "承办单位", options: choices, anyLabel: nil))
                \(FormControls.select("handling_mode", label: "办理方式", options: modes, selected: WorkOrder.HandlingMode.transfer.rawValue, anyLabel: nil))
                <button type="submit">派单</button></form></li>
                """
            )
        }
        return "<ul class=\"assignable\">\(items)</ul>"
    }

    private static func orderList(_ orders: [Wire.WorkOrderView]) -> HTML {
        guard !orders.isEmpty else { return "<p class=\"muted\">无</p>" }
        var items: [HTML] = []
        for order in orders {
            let number = order.platformOrderNumber.isEmpty ? order.id : order.platformOrderNumber
            items.append(
                "<li><a href=\"/orders/\(order.id)\">\(number)</a> \(PageLayout.time(order.receivedAtUnixMs)) \(String(order.content.prefix(40)))</li>"
            )
        }
        return "<ul>\(items)</ul>"
    }
}

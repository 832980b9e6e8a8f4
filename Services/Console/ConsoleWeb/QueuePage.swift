import Domain
import WireProtocol

/// 我的工单: the orders the account may read, urgent first, then by the time left on their
/// earliest running clock, with a light and live countdowns to each deadline.
enum QueuePage {
    struct Row: Sendable {
        var order: Wire.WorkOrderView
        var clocks: [Wire.Clock]
        var light: ClockLight
        var nextDue: Int64?
    }

    /// The sorted queue and the page of it shown.
    struct Sorted: Sendable {
        var total: Int
        var page: Int
        var pages: Int
        var shown: ArraySlice<Row>
        var truncated: Bool

        init(_ rows: [Row], page: Int, truncated: Bool) {
            total = rows.count
            pages = max(1, (rows.count + QueueFilter.pageRows - 1) / QueueFilter.pageRows)
            self.page = min(page, pages)
            let start = (self.page - 1) * QueueFilter.pageRows
            shown = rows[start..<min(rows.count, start + QueueFilter.pageRows)]
            self.truncated = truncated
        }
    }

    static func rows(_ orders: [Wire.WorkOrderView], clocks: [Wire.Clock], now: Int64) -> [Row] {
        let byOrder = Dictionary(grouping: clocks, by: \.orderId)
        return orders.map { order in
            let running = byOrder[order.id, default: []].filter { $0.state != "stopped" }
            return Row(
                order: order, clocks: running, light: ClockLight.worst(running, now: now),
                nextDue: running.map(\.dueUnixMs).min()
            )
        }
        .sorted { a, b in
            let urgentA = a.order.urgency == WorkOrder.Urgency.urgent.rawValue
            let urgentB = b.order.urgency == WorkOrder.Urgency.urgent.rawValue
            if urgentA != urgentB { return urgentA }
            switch (a.nextDue, b.nextDue) {
            case (let x?, let y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.order.receivedAtUnixMs > b.order.receivedAtUnixMs
            }
        }
    }

    static func page(
        staff: SignedInStaff, filter: QueueFilter, queue: Sorted, units: UnitNames, clocksNote: String?, live: String
    ) -> HTML {
        let scope = staff.readsEveryUnit ? "全局所有单位" : "本单位：\(units.name(staff.unit ?? ""))"
        let body: HTML = """
            <h1>我的工单 <span class="muted">（\(scope)，<span id="queue-total">\(count(queue))</span>）</span></h1>
            \(filter.form)
            <p id="live-alert" role="status" hidden>有新工单或时限预警，列表已更新。</p>
            <p><label><input type="checkbox" id="sound"> 声音提醒</label></p>
            \(clocksNote.map { "<p class=\"flash flash-error\">\($0)</p>" as HTML } ?? .empty)
            <div class="scroll"><table id="queue" data-live="\(live)">
            <thead><tr><th class="light-col" aria-label="灯"></th><th>工单编号</th><th>紧急</th><th class="wide">类型</th><th>事项</th><th>状态</th><th class="wide">承办单位</th><th class="wide">收到</th><th>签收时限</th><th>办理时限</th></tr></thead>
            <tbody>\(tableBody(queue.shown, units: units))</tbody>
            </table></div>
            <div id="queue-pager">\(pager(queue, filter: filter))</div>
            """
        return PageLayout.page(title: "我的工单", staff: staff, body: body)
    }

    /// What the live update fetches (`?fragment=rows`): the count, the pager and the rows, each in
    /// a template named after the element of the page it replaces.
    static func liveParts(_ queue: Sorted, filter: QueueFilter, units: UnitNames) -> HTML {
        """
        <template id="queue-total">\(count(queue))</template><template id="queue-pager">\(pager(queue, filter: filter))</template>\
        <template id="queue-rows">\(tableBody(queue.shown, units: units))</template>
        """
    }

    private static func count(_ queue: Sorted) -> HTML {
        queue.truncated ? "超过 \(queue.total) 件，请用筛选缩小范围" : "\(queue.total) 件"
    }

    /// The rows of the table's body.
    static func tableBody(_ rows: ArraySlice<Row>, units: UnitNames) -> HTML {
        guard !rows.isEmpty else { return "<tr><td colspan=\"10\" class=\"muted\">没有符合条件的工单</td></tr>" }
        var html: [HTML] = []
        html.reserveCapacity(rows.count)
        for row in rows { html.append(self.row(row, units: units)) }
        return "\(html)"
    }

    private static func pager(_ queue: Sorted, filter: QueueFilter) -> HTML {
        guard queue.pages > 1 else { return .empty }
        let first = (queue.page - 1) * QueueFilter.pageRows + 1
        let previous: HTML =
            queue.page > 1 ? "<a rel=\"prev\" href=\"/orders?\(filter.query(page: queue.page - 1))\">上一页</a>" : .empty
        let next: HTML =
            queue.page < queue.pages
            ? "<a rel=\"next\" href=\"/orders?\(filter.query(page: queue.page + 1))\">下一页</a>" : .empty
        return """
            <nav class="pager" aria-label="分页">\(previous) <span>第 \(queue.page) / \(queue.pages) 页（第 \(first)–\(first + queue.shown.count - 1) 件）</span> \(next)</nav>
            """
    }

    private static func row(_ row: Row, units: UnitNames) -> HTML {
        let order = row.order
        let urgency = WorkOrder.Urgency(rawValue: order.urgency)?.label ?? order.urgency
        let kind = WorkOrder.Kind(rawValue: order.kind)?.label ?? order.kind
        let topic = WorkOrder.Topic(rawValue: order.topic)?.label ?? order.topic
        let state = WorkOrder.State(rawValue: order.state)?.label ?? order.state
        let unitNames = order.responsibleUnits.map(units.name).joined(separator: "、")
        let number = order.platformOrderNumber.isEmpty ? order.id : order.platformOrderNumber
        // Intake found it like another order: the desk may merge it (并单) from its page.
        let duplicate: HTML = order.probableDuplicates.isEmpty ? "" : " <span class=\"tag\">疑似重复</span>"
        return """
            <tr data-order-id="\(order.id)"><td class="\(row.light.cssClass)" title="\(row.light.label)"><span class="sr">\(row.light.label)</span></td>\
            <td><a class="order-link" href="/orders/\(order.id)">\(number)</a>\(duplicate)</td><td>\(urgency)</td><td class="wide">\(kind)</td>\
            <td>\(topic)</td><td>\(state)</td><td class="wide">\(unitNames)</td><td class="wide">\(PageLayout.time(order.receivedAtUnixMs))</td>\
            <td>\(countdown(row.clocks, kind: .acknowledge))</td><td>\(countdown(row.clocks, kind: .handling, fallback: order.handlingDeadlineUnixMs))</td></tr>
            """
    }

    /// A live countdown to the running clock of `kind` (the script counts down `data-due`).
    static func countdown(_ clocks: [Wire.Clock], kind: ClockKind, fallback: Int64 = 0) -> HTML {
        let due = clocks.first { $0.kind == kind.rawValue }?.dueUnixMs ?? fallback
        guard due > 0 else { return "—" }
        return "<time data-due=\"\(due)\" title=\"\(PageLayout.time(due))\">\(PageLayout.time(due))</time>"
    }
}

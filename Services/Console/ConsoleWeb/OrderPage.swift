import Domain
import RPC
import WireProtocol

/// One order: what was asked, by whom (masked), how it is handled, every deadline with how it was
/// set, its coordination case (joint handling), the timeline of who did what, and the forms of the
/// steps the account may take now.
enum OrderPage {
    static func page(
        staff: SignedInStaff, order: Wire.GetOrderResponse, clocks: Result<[Wire.Clock], RPCError>, units: UnitNames,
        now: Int64,
        flash: Flash?, revealedCaller: Wire.Caller? = nil,
        coordination: Result<Wire.CoordinationCaseView?, RPCError>? = nil
    ) -> HTML {
        let view = order.order ?? Wire.WorkOrderView()
        let number = view.platformOrderNumber.isEmpty ? view.id : view.platformOrderNumber
        let state = WorkOrder.State(rawValue: view.state)?.label ?? view.state
        let body: HTML = """
            <h1>工单 \(number) <span id="order-state" class="state">\(state)</span></h1>
            \(facts(view, units: units, caller: CallerSection.caller(view, revealed: revealedCaller, staff: staff)))
            <h2>诉求内容</h2>
            <p class="content">\(view.content)</p>
            \(reply(view))
            <h2>时限</h2>
            \(deadlines(clocks, now: now, units: units))
            \(coordination.map { coordinationSection($0, order: view, staff: staff, units: units) } ?? .empty)
            <h2>办理</h2>
            \(OrderActionForms.forms(view, staff: staff, units: units, duplicates: order.duplicateOrders))
            <h2>处理记录</h2>
            \(timeline(order.events, units: units, numbers: knownNumbers(order)))
            \(related(order))
            \(CallerSection.disclosures(order.callerDisclosures, units: units))
            """
        return PageLayout.page(title: "工单 \(number)", staff: staff, flash: flash, body: body)
    }

    private static func facts(_ order: Wire.WorkOrderView, units: UnitNames, caller: HTML) -> HTML {
        let unitNames = order.responsibleUnits.map(units.name).joined(separator: "、")
        let enterprise: HTML = order.enterprise.map { "<dt>企业</dt><dd>\($0.name)（\($0.creditCode)）</dd>" } ?? .empty
        return """
            <dl class="facts">
            <dt>来源</dt><dd>\(WorkOrder.Channel(rawValue: order.channel)?.label ?? order.channel) · \(order.id)</dd>
            <dt>紧急程度</dt><dd>\(WorkOrder.Urgency(rawValue: order.urgency)?.label ?? order.urgency)</dd>
            <dt>类型 / 事项</dt><dd>\(WorkOrder.Kind(rawValue: order.kind)?.label ?? order.kind) / \(WorkOrder.Topic(rawValue: order.topic)?.label ?? order.topic)</dd>
            <dt>办理方式</dt><dd>\(WorkOrder.HandlingMode(rawValue: order.handlingMode)?.label ?? "未定")\(order.track.isEmpty || order.track == "regular" ? "" : " · " + (WorkOrder.Track(rawValue: order.track)?.label ?? order.track))\(WorkOrder.GreenChannelLevel(rawValue: order.greenLevel).map { " · " + $0.label } ?? "")</dd>
            <dt>承办单位</dt><dd>\(unitNames.isEmpty ? "未派单" : unitNames)</dd>
            <dt>来电人</dt><dd>\(caller)</dd>
            \(enterprise)
            <dt>地址</dt><dd>\(order.address)</dd>
            <dt>收到 / 派单</dt><dd>\(PageLayout.time(order.receivedAtUnixMs)) / \(PageLayout.time(order.dispatchedAtUnixMs))</dd>
            <dt>轮次</dt><dd>第 \(max(1, order.cycle)) 轮</dd>
            </dl>
            """
    }

    private static func reply(_ order: Wire.WorkOrderView) -> HTML {
        guard !order.replyText.isEmpty else { return .empty }
        let result = WorkOrder.ResultCode(rawValue: order.resultCode)?.label ?? order.resultCode
        let callback = WorkOrder.CallbackOutcome(rawValue: order.callbackOutcome).map { "；回访：\($0.label)" } ?? ""
        return "<h2>答复</h2><p>结果：\(result)\(callback)</p><p class=\"content\">\(order.replyText)</p>"
    }

    private static func deadlines(_ result: Result<[Wire.Clock], RPCError>, now: Int64, units: UnitNames) -> HTML {
        let clocks: [Wire.Clock]
        switch result {
        case .success(let read): clocks = read
        case .failure(let error): return "<p class=\"flash flash-error\">时限未显示：\(RefusalText.message(error))</p>"
        }
        guard !clocks.isEmpty else { return "<p class=\"muted\">尚无时限（派单后开始计时）。</p>" }
        var rows: [HTML] = []
        for clock in clocks {
            let light = ClockLight(clock, now: now)
            let extended: HTML =
                clock.originalDueUnixMs > 0 && clock.originalDueUnixMs != clock.dueUnixMs
                ? "（原时限 \(PageLayout.time(clock.originalDueUnixMs))）" : .empty
            let state: HTML =
                clock.state == "stopped"
                ? "已停止\(clock.stopReason.isEmpty ? "" : "：" + EventText.stopReason(clock.stopReason))"
                : "\(QueuePage.countdown([clock], kind: ClockKind(rawValue: clock.kind) ?? .handling))"
            rows.append(
                """
                <tr><td class="\(light.cssClass)" title="\(light.label)"><span class="sr">\(light.label)</span></td>\
                <td>\(kind(of: clock, units: units))</td><td>\(clock.rule.isEmpty ? clock.policy : clock.rule)</td>\
                <td>\(PageLayout.time(clock.startUnixMs))</td><td>\(PageLayout.time(clock.dueUnixMs))\(extended)</td>\
                <td>\(state)</td><td>\(clock.provisional ? "暂定（当年放假安排未载入）" : "确定")</td>\
                <td>\(clock.warningsSent) / \(clock.remindersSent)</td></tr>\(countedBy(clock))
                """
            )
        }
        return """
            <div class="scroll"><table class="clocks"><thead><tr><th class="light-col" aria-label="灯"></th><th>时限</th><th>规则</th><th>起算</th><th>截止</th><th>剩余</th><th>日历</th><th>预警/催办</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// What the deadline is for; a coordination item's names the unit it was given to, since a
    /// joint order has one such deadline for each item and they would otherwise read alike.
    private static func kind(of clock: Wire.Clock, units: UnitNames) -> String {
        let label = ClockKind(rawValue: clock.kind)?.label ?? clock.kind
        guard clock.kind == ClockKind.actionItem.rawValue, !clock.unit.isEmpty else { return label }
        return label + " · " + units.name(clock.unit)
    }

    /// How a day-counted deadline was counted, under its row: the days not counted, the weekend
    /// days that were, and the holiday notices read (SLA says; nothing for clocks in minutes).
    private static func countedBy(_ clock: Wire.Clock) -> HTML {
        guard !clock.calendarNotices.isEmpty else { return .empty }
        var parts: [String] = []
        if !clock.skippedDays.isEmpty {
            parts.append("不计入 \(clock.skippedDays.count) 天：" + clock.skippedDays.joined(separator: "、"))
        }
        if !clock.workedWeekendDays.isEmpty { parts.append("调休上班计入：" + clock.workedWeekendDays.joined(separator: "、")) }
        parts.append("依据：" + clock.calendarNotices.joined(separator: "；"))
        return
            "<tr class=\"counted\"><td></td><td colspan=\"7\" class=\"muted\">\(parts.joined(separator: "。"))</td></tr>"
    }

    /// The platform numbers of the other orders the response names, by id.
    private static func knownNumbers(_ response: Wire.GetOrderResponse) -> [String: String] {
        let references = [response.parentOrder].compactMap { $0 } + response.mergedOrders + response.duplicateOrders
        return Dictionary(
            references.filter { !$0.platformOrderNumber.isEmpty }.map { ($0.id, $0.platformOrderNumber) }
        ) { first, _ in first }
    }

    private static func timeline(_ events: [Wire.OrderEvent], units: UnitNames, numbers: [String: String]) -> HTML {
        var rows: [HTML] = []
        for event in events {
            let action = WorkOrderEvent.label(
                action: event.action, details: Dictionary(event.details.map { ($0.key, $0.value) }) { $1 })
            let who = event.actorName.isEmpty ? event.actorId : "\(event.actorName)（\(event.actorId)）"
            let role = Role(rawValue: event.role)?.label ?? event.role
            let move =
                event.fromState == event.toState
                ? (WorkOrder.State(rawValue: event.toState)?.label ?? event.toState)
                : "\(WorkOrder.State(rawValue: event.fromState)?.label ?? event.fromState) → \(WorkOrder.State(rawValue: event.toState)?.label ?? event.toState)"
            var notes = event.reason
            for detail in event.details where !detail.value.isEmpty {
                notes += (notes.isEmpty ? "" : "；") + EventText.detail(detail, units: units, numbers: numbers)
            }
            rows.append(
                """
                <tr><td>\(PageLayout.time(event.atUnixMs))</td><td>\(action)</td><td>\(who)<br><span class="muted">\(role)\(event.unit.isEmpty ? "" : " · " + units.name(event.unit))</span></td><td>\(move)</td><td>\(notes)</td></tr>
                """
            )
        }
        return """
            <div class="scroll"><table class="timeline"><thead><tr><th>时间</th><th>操作</th><th>操作人</th><th>状态</th><th>说明</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// The order this one is merged into, those merged into it (its reply answers the platform's
    /// among them), and its probable duplicates, each by its number and line.
    private static func related(_ response: Wire.GetOrderResponse) -> HTML {
        let order = response.order ?? Wire.WorkOrderView()
        var links: [HTML] = []
        if !order.parentOrderId.isEmpty {
            let parent = response.parentOrder ?? Wire.OrderReference(id: order.parentOrderId)
            links.append("<li class=\"merged-into\">已并入：\(link(parent))</li>")
        }
        for child in response.mergedOrders {
            // Only the platform's orders are answered with the parent's reply (PlatformCommands).
            let answered: HTML =
                child.channel == WorkOrder.Channel.hotline12345.rawValue ? "，本单答复报送平台时以其工单号一并答复" : ""
            links.append("<li class=\"merged-child\">并入本单：\(link(child))\(answered)</li>")
        }
        // From an intake that names only their ids, the ids.
        let duplicates = duplicates(named: response.duplicateOrders, of: order)
        // Most alike first; a caller who rings every day can have hundreds.
        let others = duplicates.filter { $0.id != order.parentOrderId }
        for duplicate in others.prefix(shownDuplicates) {
            links.append("<li class=\"duplicate\">疑似重复：\(link(duplicate))</li>")
        }
        if others.count > shownDuplicates {
            links.append("<li class=\"duplicate-more\">另有 \(others.count - shownDuplicates) 件疑似重复未列出</li>")
        }
        guard !links.isEmpty else { return .empty }
        return "<h2>关联工单</h2><ul>\(links)</ul>"
    }

    /// The probable duplicates a page lists, and the merge form offers.
    static let shownDuplicates = 10

    /// The probable duplicates as intake named them, or by id alone from an intake that names
    /// only ids (a console beside an older intake).
    static func duplicates(named references: [Wire.OrderReference], of order: Wire.WorkOrderView)
        -> [Wire.OrderReference]
    {
        references.isEmpty ? order.probableDuplicates.map { Wire.OrderReference(id: $0) } : references
    }

    /// `N27（12345 · WO-…）`, linked; the id alone when the number is not known.
    private static func link(_ order: Wire.OrderReference) -> HTML {
        guard !order.platformOrderNumber.isEmpty else { return "<a href=\"/orders/\(order.id)\">\(order.id)</a>" }
        let line = WorkOrder.Channel(rawValue: order.channel)?.label ?? order.channel
        return "<a href=\"/orders/\(order.id)\">\(order.platformOrderNumber)</a>（\(line) · \(order.id)）"
    }

    /// 王小明 → 王*明, 李四 → 李*: enough to greet the caller, not to identify them.
    static func masked(name: String) -> String {
        let characters = Array(name)
        guard characters.count > 1 else { return name }
        let last = characters.count > 2 ? String(characters[characters.count - 1]) : ""
        return String(characters[0]) + String(repeating: "*", count: max(1, characters.count - 2)) + last
    }

    /// 13812345678 → 138****5678.
    static func masked(phone: String) -> String {
        let digits = Array(phone)
        guard digits.count >= 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }
}

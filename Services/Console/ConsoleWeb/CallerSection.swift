import Domain
import WireProtocol

/// The caller on an order page: masked, with a form to see them in clear for those who call
/// callers back (intake records who, when and why before it answers), and the record of who did.
enum CallerSection {
    static func caller(_ order: Wire.WorkOrderView, revealed: Wire.Caller?, staff: SignedInStaff) -> HTML {
        if let revealed {
            let idNumber: HTML = revealed.idNumber.isEmpty ? .empty : " 身份证 \(revealed.idNumber)"
            return """
                <span id="caller-revealed">\(revealed.name) \(revealed.phone)\(idNumber)</span> \
                <span class="muted">（本次查看已记录；离开本页后恢复遮蔽）</span>
                """
        }
        let caller = order.caller ?? Wire.Caller()
        let masked: HTML = "\(OrderPage.masked(name: caller.name)) \(OrderPage.masked(phone: caller.phone))"
        guard mayReveal(order, staff: staff) else { return masked }
        return """
            \(masked)
            <details class="reveal"><summary>查看完整信息</summary>
            <form method="post" action="/orders/\(order.id)/caller" class="stack">
            \(PageLayout.csrfField(staff))
            \(FormControls.input("reason", label: "查看事由（将记录查看人、时间和事由）", required: true, extra: " minlength=\"2\" maxlength=\"200\""))
            <button type="submit">查看</button>
            </form></details>
            """
    }

    /// The console offers the form only where intake would answer; intake still decides.
    static func mayReveal(_ order: Wire.WorkOrderView, staff: SignedInStaff) -> Bool {
        let readable = staff.readsEveryUnit || staff.unit.map(order.responsibleUnits.contains) == true
        return readable && staff.roles.contains(where: \.mayRevealCallers)
    }

    static func disclosures(_ records: [Wire.CallerDisclosure], units: UnitNames) -> HTML {
        guard !records.isEmpty else { return .empty }
        var rows: [HTML] = []
        for record in records {
            let roles = record.roles.map { Role(rawValue: $0)?.label ?? $0 }.joined(separator: "、")
            let who = record.name.isEmpty ? record.account : "\(record.name)（\(record.account)）"
            rows.append(
                """
                <tr><td>\(PageLayout.time(record.atUnixMs))</td><td>\(who)<br><span class="muted">\(roles)\(record.unit.isEmpty ? "" : " · " + units.name(record.unit))</span></td><td>\(record.reason)</td></tr>
                """
            )
        }
        return """
            <h2>来电人信息查看记录</h2>
            <div class="scroll"><table id="caller-disclosures"><thead><tr><th>时间</th><th>查看人</th><th>事由</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}

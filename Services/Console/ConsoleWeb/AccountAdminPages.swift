import Domain
import WireProtocol

/// The administrators' account pages: the list, a new account, one account with its sessions and
/// audit trail, and the one-time password shown once.
enum AccountAdminPages {
    static func list(
        staff: SignedInStaff, accounts: [Wire.Account], units: UnitNames, unit: String, now: Int64, flash: Flash? = nil
    ) -> HTML {
        let rows: [HTML] = accounts.map { account in
            """
            <tr data-login="\(account.login)"><td><a href="/admin/accounts/\(account.login)">\(account.login)</a></td>\
            <td>\(account.name)</td><td>\(roles(account.roles))</td><td>\(account.unit.isEmpty ? "—" : units.name(account.unit))</td>\
            <td class="account-state">\(state(account, now: now))</td><td>\(PageLayout.time(account.lastSignInUnixMs))</td></tr>
            """
        }
        let unitOptions = units.units.map { (value: $0.code, label: $0.name) }
        let body: HTML = """
            \(AdminPages.heading("账号", current: .accounts))
            <p><a class="button" href="/admin/accounts/new">新建账号</a></p>
            <form method="get" action="/admin/accounts" class="filters">
            \(FormControls.select("unit", label: "单位", options: unitOptions, selected: unit))
            <button type="submit">筛选</button>
            </form>
            <div class="scroll"><table id="accounts">
            <thead><tr><th>账号</th><th>姓名</th><th>岗位</th><th>单位</th><th>状态</th><th>最近登录</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <p class="muted">共 \(accounts.count) 个账号（含已停用）。</p>
            """
        return PageLayout.page(title: "账号管理", staff: staff, flash: flash, body: body)
    }

    static func new(staff: SignedInStaff, units: UnitNames, values: Wire.Account = Wire.Account(), flash: Flash? = nil)
        -> HTML
    {
        let body: HTML = """
            \(AdminPages.heading("新建账号", current: .accounts))
            <form method="post" action="/admin/accounts" class="stack" id="new-account">
            \(PageLayout.csrfField(staff))
            \(FormControls.input("login", label: "账号（小写字母、数字、. _ -，如 wang.fang）", value: values.login, required: true, extra: " autocomplete=\"off\""))
            \(profileFields(values, units: units))
            <button type="submit" class="primary">创建账号</button>
            </form>
            <p class="muted">创建后会显示一次性密码，请告知本人；首次登录须修改密码。</p>
            """
        return PageLayout.page(title: "新建账号", staff: staff, flash: flash, body: body)
    }

    /// Name, phone, email, posts and unit: what both the new and the edit form ask.
    static func profileFields(_ account: Wire.Account, units: UnitNames) -> HTML {
        let boxes: [HTML] = AdminPages.staffRoles.map { role in
            let mark: HTML = account.roles.contains(role.rawValue) ? " checked" : ""
            return
                "<label class=\"check\"><input type=\"checkbox\" name=\"roles\" value=\"\(role.rawValue)\"\(mark)>\(role.label)</label>"
        }
        let unitOptions = units.units.map { (value: $0.code, label: $0.name + ($0.active ? "" : "（已停用）")) }
        return """
            \(FormControls.input("name", label: "姓名", value: account.name, required: true))
            \(FormControls.input("phone", label: "电话（选填）", type: "tel", value: account.phone))
            \(FormControls.input("email", label: "邮箱（选填，用于接收通知）", type: "email", value: account.email))
            <fieldset class="roles"><legend>岗位（至少一项）</legend>\(boxes)</fieldset>
            \(FormControls.select("unit", label: "所属单位（联络员、负责人等须选择）", options: unitOptions, selected: account.unit, anyLabel: "局机关（不属于单位）"))
            """
    }

    static func detail(
        staff: SignedInStaff, account: Wire.Account, units: UnitNames, sessions: [Wire.SessionView],
        events: [Wire.AccountEvent], now: Int64,
        flash: Flash? = nil
    ) -> HTML {
        let login = account.login
        let disableForm: HTML =
            account.disabled
            ? """
            <form method="post" action="/admin/accounts/\(login)/disabled" class="stack" id="enable-account">\(PageLayout.csrfField(staff))
            <input type="hidden" name="disabled" value="false">
            \(FormControls.input("reason", label: "启用原因（选填）"))
            <button type="submit" class="primary">启用账号</button></form>
            """
            : """
            <form method="post" action="/admin/accounts/\(login)/disabled" class="stack" id="disable-account">\(PageLayout.csrfField(staff))
            <input type="hidden" name="disabled" value="true">
            \(FormControls.input("reason", label: "停用原因（选填，记入审计）"))
            <button type="submit" class="danger">停用账号</button></form>
            <p class="muted">停用后立即退出其所有登录，且不能再登录。</p>
            """
        let body: HTML = """
            \(AdminPages.heading("账号 \(login)", current: .accounts))
            <dl class="facts">
            <dt>姓名</dt><dd>\(account.name)</dd>
            <dt>岗位</dt><dd>\(roles(account.roles))</dd>
            <dt>单位</dt><dd>\(account.unit.isEmpty ? "局机关" : units.name(account.unit))</dd>
            <dt>状态</dt><dd id="account-state">\(state(account, now: now))</dd>
            <dt>最近登录</dt><dd>\(PageLayout.time(account.lastSignInUnixMs))</dd>
            <dt>创建</dt><dd>\(PageLayout.time(account.createdUnixMs))（\(account.createdBy)）</dd>
            </dl>
            <h2>修改资料</h2>
            <form method="post" action="/admin/accounts/\(login)" class="stack" id="edit-account">
            \(PageLayout.csrfField(staff))
            \(profileFields(account, units: units))
            <button type="submit" class="primary">保存</button>
            </form>
            <h2>\(account.disabled ? "启用" : "停用")</h2>
            \(disableForm)
            <h2>重置密码</h2>
            <form method="post" action="/admin/accounts/\(login)/password" class="stack" id="reset-password">\(PageLayout.csrfField(staff))
            <button type="submit">生成新的一次性密码</button></form>
            <p class="muted">原密码随即失效，其所有登录退出，锁定解除；新密码只显示一次。</p>
            <h2>登录会话（\(sessions.count)）</h2>
            \(sessionTable(sessions, login: login, staff: staff))
            <h2>审计记录</h2>
            \(eventTable(events))
            """
        return PageLayout.page(title: "账号 \(login)", staff: staff, flash: flash, body: body)
    }

    /// The one-time password, shown this once (the page is not cached, the password in no URL).
    static func oneTimePassword(staff: SignedInStaff, account: Wire.Account, password: String, created: Bool) -> HTML {
        let body: HTML = """
            \(AdminPages.heading(created ? "账号已创建" : "密码已重置", current: .accounts))
            <section class="one-time" aria-labelledby="one-time-title">
            <h2 id="one-time-title">\(account.name)（\(account.login)）的一次性密码</h2>
            <p><code id="one-time-password">\(password)</code></p>
            <p>此密码<strong>只显示这一次</strong>，请当面或电话告知本人，不要通过邮件或聊天软件转发。对方首次登录后须立即设置新密码。遗失后只能再次重置。</p>
            </section>
            <p><a href="/admin/accounts/\(account.login)">返回账号 \(account.login)</a> · <a href="/admin/accounts">账号列表</a></p>
            """
        return PageLayout.page(
            title: created ? "账号已创建" : "密码已重置", staff: staff,
            flash: .ok(created ? "已创建账号 \(account.login)" : "已重置 \(account.login) 的密码"), body: body)
    }

    private static func sessionTable(_ sessions: [Wire.SessionView], login: String, staff: SignedInStaff) -> HTML {
        guard !sessions.isEmpty else { return "<p class=\"muted\">当前没有登录。</p>" }
        let rows: [HTML] = sessions.map { session in
            """
            <tr><td>\(session.client)</td><td>\(PageLayout.time(session.createdUnixMs))</td><td>\(PageLayout.time(session.lastSeenUnixMs))</td>\
            <td>\(PageLayout.time(session.expiresUnixMs))</td>\
            <td><form method="post" action="/admin/accounts/\(login)/sessions/revoke" class="inline">\(PageLayout.csrfField(staff))\
            <input type="hidden" name="id" value="\(session.id)"><button type="submit">\(session.current ? "退出（本会话）" : "强制退出")</button></form></td></tr>
            """
        }
        return """
            <div class="scroll"><table id="sessions"><thead><tr><th>客户端</th><th>登录时间</th><th>最近活动</th><th>到期</th><th>操作</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    private static func eventTable(_ events: [Wire.AccountEvent]) -> HTML {
        guard !events.isEmpty else { return "<p class=\"muted\">无记录。</p>" }
        let rows: [HTML] = events.map { event in
            "<tr><td>\(PageLayout.time(event.atUnixMs))</td><td>\(eventLabel(event.kind))</td><td>\(event.by)</td><td>\(event.detail)</td></tr>"
        }
        return """
            <div class="scroll"><table id="account-events"><thead><tr><th>时间</th><th>事件</th><th>操作人</th><th>说明</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    static func roles(_ raw: [String]) -> String {
        raw.map { Role(rawValue: $0)?.label ?? $0 }.joined(separator: "、")
    }

    static func state(_ account: Wire.Account, now: Int64) -> String {
        var parts: [String] = []
        if account.disabled { parts.append("已停用") }
        if account.lockedUntilUnixMs > now { parts.append("已锁定至 \(PageLayout.time(account.lockedUntilUnixMs))") }
        if account.mustChangePassword { parts.append("待修改一次性密码") }
        return parts.isEmpty ? "正常" : parts.joined(separator: "，")
    }

    static func eventLabel(_ kind: String) -> String {
        switch kind {
        case "signed_in": "登录"
        case "sign_in_failed": "登录失败"
        case "locked": "锁定"
        case "signed_out": "退出"
        case "session_revoked": "会话被强制退出"
        case "account_created": "创建账号"
        case "account_updated": "修改资料"
        case "account_disabled": "停用"
        case "account_enabled": "启用"
        case "password_reset": "重置密码"
        case "password_changed": "修改密码"
        case "password_change_failed": "修改密码失败"
        default: kind
        }
    }
}

import WireProtocol

/// Sign-in and change of password: the pages a person sees before their queue.
enum AccountPages {
    static func signIn(login: String = "", flash: Flash? = nil) -> HTML {
        let body: HTML = """
            <h1>登录</h1>
            <form method="post" action="/login" class="stack">
            \(FormControls.input("login", label: "账号", value: login, required: true, extra: " autocomplete=\"username\" autofocus"))
            \(FormControls.input("password", label: "密码", type: "password", required: true, extra: " autocomplete=\"current-password\""))
            <button type="submit" class="primary">登录</button>
            </form>
            <p class="muted">首次登录请使用管理员提供的一次性密码，登录后需立即修改。连续输错多次将暂时锁定账号。</p>
            """
        return PageLayout.page(title: "登录", staff: nil, flash: flash, body: body)
    }

    static func changePassword(staff: SignedInStaff, flash: Flash? = nil) -> HTML {
        let notice: HTML =
            staff.account.mustChangePassword
            ? "<p class=\"flash flash-error\" role=\"alert\">您正在使用一次性密码，请先设置新密码。</p>" : .empty
        let body: HTML = """
            <h1>修改密码</h1>
            \(notice)
            <form method="post" action="/password" class="stack">
            \(PageLayout.csrfField(staff))
            <input type="text" name="username" value="\(staff.login)" autocomplete="username" hidden aria-hidden="true">
            \(FormControls.input("current_password", label: "当前密码", type: "password", required: true, extra: " autocomplete=\"current-password\""))
            \(FormControls.input("new_password", label: "新密码（至少 12 个字符）", type: "password", required: true, extra: " autocomplete=\"new-password\" minlength=\"12\""))
            \(FormControls.input("new_password_again", label: "再次输入新密码", type: "password", required: true, extra: " autocomplete=\"new-password\""))
            <button type="submit" class="primary">修改密码</button>
            </form>
            <p class="muted">修改后，您在其他设备上的登录将全部退出。</p>
            """
        return PageLayout.page(title: "修改密码", staff: staff, flash: flash, body: body)
    }
}

import Domain
import Foundation
import WireProtocol

/// A message at the top of a page: what an action did, or why it was refused.
struct Flash: Sendable {
    enum Kind: String, Sendable {
        case ok
        case error
    }

    var kind: Kind
    var message: String

    static func ok(_ message: String) -> Flash { Flash(kind: .ok, message: message) }
    static func error(_ message: String) -> Flash { Flash(kind: .error, message: message) }
}

/// The frame of every page: head, the signed-in header with its navigation, the flash, the body.
/// The stylesheet and script are the binary's own (``Assets``); nothing is loaded from elsewhere.
enum PageLayout {
    /// `stylesheet`: a page's own further stylesheet, also served from the binary (the report's).
    static func page(title: String, staff: SignedInStaff?, flash: Flash? = nil, body: HTML, stylesheet: String? = nil)
        -> HTML
    {
        """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · 速办工作台</title>
        <link rel="stylesheet" href="\(Assets.stylesheetPath)">
        \(stylesheet.map { "<link rel=\"stylesheet\" href=\"\($0)\">" as HTML } ?? .empty)
        <script src="\(Assets.scriptPath)" defer></script>
        </head>
        <body>
        \(header(staff))
        <main>
        \(flash.map(flashBox) ?? .empty)
        \(body)
        </main>
        </body>
        </html>
        """
    }

    private static func flashBox(_ flash: Flash) -> HTML {
        "<p class=\"flash flash-\(flash.kind.rawValue)\" role=\"\(flash.kind == .error ? "alert" : "status")\">\(flash.message)</p>"
    }

    private static func header(_ staff: SignedInStaff?) -> HTML {
        guard let staff else { return "<header class=\"top\"><span class=\"brand\">速办工作台</span></header>" }
        var links: [HTML] = ["<a href=\"/orders\">我的工单</a>"]
        if DeskPage.mayView(staff) { links.append("<a href=\"/desk\">值班台</a>") }
        if CoordinationAccess.takesPart(staff) { links.append("<a href=\"/coordination\">协调会商</a>") }
        links.append("<a href=\"/kb\">知识库</a>")
        if ReportsPage.mayView(staff) { links.append("<a href=\"/reports\">统计报表</a>") }
        if AdminPages.mayView(staff) { links.append("<a href=\"/admin/accounts\">管理</a>") }
        links.append("<a href=\"/password\">修改密码</a>")
        let who = staff.account.name.isEmpty ? staff.login : staff.account.name
        let posts = staff.roles.sorted().map(\.label).joined(separator: "、")
        return """
            <header class="top">
            <span class="brand">速办工作台</span>
            <nav aria-label="主导航">\(links)</nav>
            <span class="who">\(who)（\(posts)\(staff.unitName.map { " · \($0)" } ?? "")）</span>
            <form method="post" action="/logout" class="inline">\(csrfField(staff))<button type="submit">退出</button></form>
            </header>
            """
    }

    /// The hidden form token every POST form carries.
    static func csrfField(_ staff: SignedInStaff) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(staff.formToken)\">"
    }

    /// `instant` in Beijing time, as staff read it (2026-12-05 09:30).
    static func time(_ milliseconds: Int64) -> String {
        guard milliseconds > 0 else { return "—" }
        let iso = ShanghaiTime.iso8601(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

import Domain
import RPC
import WireProtocol

/// 管理: the administrators' pages, their tabs, and what a refusal of the console's account
/// methods says in Chinese. The console's and routing's own methods check the role again.
enum AdminPages {
    static func mayView(_ staff: SignedInStaff) -> Bool {
        staff.roles.contains(.administrator)
    }

    enum Tab: String, CaseIterable {
        case accounts, units, enterprises, rules, calendar

        var label: String {
            switch self {
            case .accounts: "账号"
            case .units: "单位与人员"
            case .enterprises: "重点企业"
            case .rules: "分派规则"
            case .calendar: "节假日历"
            }
        }
    }

    /// The page's heading and the tabs of the administration.
    static func heading(_ title: String, current: Tab) -> HTML {
        let links: [HTML] = Tab.allCases.map { tab in
            let mark: HTML = tab == current ? " aria-current=\"page\"" : ""
            return "<a href=\"/admin/\(tab.rawValue)\"\(mark)>\(tab.label)</a>"
        }
        return "<nav class=\"tabs\" aria-label=\"管理\">\(links)</nav><h1>\(title)</h1>"
    }

    /// The staff posts an account may hold (not the platform's or the services').
    static var staffRoles: [Role] { Role.allCases.filter(\.isStaff) }

    /// The posts that belong to a unit (its people on the unit page).
    static let unitPosts: [Role] = [.liaison, .unitLeader, .deputyLeader, .enterpriseHelpLiaison]

    private static let fieldLabels = [
        "login": "账号", "name": "姓名", "phone": "电话", "email": "邮箱", "roles": "岗位", "unit": "单位", "reason": "原因",
        "topics": "负责诉求", "id": "会话",
    ]

    /// A refusal of an administrator's action in Chinese: each field at fault with what to fix.
    static func refusalMessage(_ error: RPCError) -> String {
        if error.code == .alreadyExists { return "账号已存在，请换一个账号名：\(error.message)" + RefusalText.traceNote(error) }
        guard error.code == .invalidArgument, !error.fieldViolations.isEmpty else { return RefusalText.message(error) }
        let problems = error.fieldViolations.map { violation -> String in
            let last =
                violation.field.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? violation.field
            let label = fieldLabels[last] ?? violation.field
            let what: String
            switch (last, violation.code) {
            case (_, "required"): what = "必填"
            case ("login", _): what = "由 1–64 个小写字母、数字和 . _ - 组成"
            case ("name", _): what = "1–100 个字符，不含控制字符"
            case ("phone", _): what = "只能包含数字、+ 和 -，最多 32 位"
            case ("email", _): what = "不是有效的邮箱地址"
            case ("unit", _): what = "单位代码无效或不存在"
            case (_, "unknown_role"), (_, "not_staff"): what = "不是可分配的岗位"
            case (_, "duplicate"): what = "重复"
            default: what = violation.message
            }
            return "\(label)：\(what)"
        }
        return "填写有误，未作任何更改。" + problems.joined(separator: "；")
    }
}

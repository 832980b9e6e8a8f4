import Domain
import WireProtocol

/// 管理 · the directory: routing's units with the accounts holding their posts, one unit's edit
/// form, the key-enterprise list with its import, the routing rules, and the holiday calendar.
enum DirectoryAdminPages {
    static func units(staff: SignedInStaff, units: [Wire.Unit], people: [Wire.Account], flash: Flash? = nil) -> HTML {
        let rows: [HTML] = units.map { unit in
            let holders: [HTML] = AdminPages.unitPosts.map { post in
                let names = people.filter { $0.unit == unit.code && $0.roles.contains(post.rawValue) }
                    .map { "<a href=\"/admin/accounts/\($0.login)\">\($0.name)</a>" as HTML }
                let list: HTML = names.isEmpty ? "<span class=\"muted\">无</span>" : HTML(joining: names, separator: "、")
                return "<div data-post=\"\(post.rawValue)\">\(post.label)：\(list)</div>"
            }
            return """
                <tr data-unit="\(unit.code)"><td><a href="/admin/units/\(unit.code)">\(unit.name)</a><br><span class="muted">\(unit.code)</span></td>\
                <td>\(level(unit.level))</td><td>\(topics(unit.topics))</td><td>\(unit.active ? "启用" : "已停用")</td><td>\(holders)</td></tr>
                """
        }
        let body: HTML = """
            \(AdminPages.heading("单位与人员", current: .units))
            <p class="muted">单位的人员即持有联络员、部门负责人、分管领导、助企联络员岗位的账号；在“账号”中调整其岗位和所属单位。</p>
            <div class="scroll"><table id="units">
            <thead><tr><th>单位</th><th>级别</th><th>负责诉求</th><th>状态</th><th>人员</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return PageLayout.page(title: "单位与人员", staff: staff, flash: flash, body: body)
    }

    static func unit(staff: SignedInStaff, unit: Wire.Unit, flash: Flash? = nil) -> HTML {
        let boxes: [HTML] = WorkOrder.Topic.allCases.map { topic in
            let mark: HTML = unit.topics.contains(topic.rawValue) ? " checked" : ""
            return
                "<label class=\"check\"><input type=\"checkbox\" name=\"topics\" value=\"\(topic.rawValue)\"\(mark)>\(topic.label)</label>"
        }
        let active: HTML = unit.active ? " checked" : ""
        let body: HTML = """
            \(AdminPages.heading("单位 \(unit.name)", current: .units))
            <form method="post" action="/admin/units/\(unit.code)" class="stack" id="edit-unit">
            \(PageLayout.csrfField(staff))
            <p class="muted">代码 \(unit.code) · \(level(unit.level))</p>
            \(FormControls.input("name", label: "名称", value: unit.name, required: true))
            <fieldset class="roles"><legend>负责的诉求分类</legend>\(boxes)</fieldset>
            <label class="check"><input type="checkbox" name="active" value="true"\(active)>启用（停用的单位不再接收派单）</label>
            <button type="submit" class="primary">保存</button>
            </form>
            <p><a href="/admin/units">返回单位列表</a></p>
            """
        return PageLayout.page(title: "单位 \(unit.name)", staff: staff, flash: flash, body: body)
    }

    /// How many enterprises the page lists; the rest are counted.
    static let enterpriseListLimit = 500

    static func enterprises(
        staff: SignedInStaff, enterprises: [Wire.KeyEnterprise], flash: Flash? = nil, problems: [String] = []
    ) -> HTML {
        let rows: [HTML] = enterprises.prefix(enterpriseListLimit).map {
            "<tr><td>\($0.name)</td><td>\($0.creditCode)</td></tr>"
        }
        let problemList: HTML =
            problems.isEmpty
            ? .empty
            : "<ul id=\"import-problems\" class=\"flash flash-error\">\(problems.map { "<li>\($0)</li>" as HTML })</ul>"
        let body: HTML = """
            \(AdminPages.heading("重点企业", current: .enterprises))
            \(problemList)
            <form method="post" action="/admin/enterprises" enctype="multipart/form-data" class="stack" id="import-enterprises">
            \(PageLayout.csrfField(staff))
            <label>CSV 文件（UTF-8，首行 name,credit_code，每行一个企业名称和统一社会信用代码）<input type="file" name="csv" accept=".csv,text/csv" required></label>
            <label class="check"><input type="checkbox" name="replace" value="true">替换整个名单（不勾选则追加）</label>
            <button type="submit" class="primary">导入</button>
            </form>
            <p class="muted">文件中任何一行有误，整个文件都不导入，并列出有误的行。与 subanctl enterprises import 的格式相同。</p>
            <h2>名单（\(enterprises.count) 家）</h2>
            <div class="scroll"><table id="enterprises"><thead><tr><th>企业名称</th><th>统一社会信用代码</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(enterprises.count > enterpriseListLimit ? "<p class=\"muted\">只列出前 \(enterpriseListLimit) 家。</p>" as HTML : .empty)
            """
        return PageLayout.page(title: "重点企业", staff: staff, flash: flash, body: body)
    }

    static func rules(staff: SignedInStaff, rules: RoutingRuleSet, units: UnitNames) -> HTML {
        let rows: [HTML] = rules.rules.map { rule in
            """
            <tr><td>\(rule.id)</td><td>\(rule.topics.isEmpty ? "全部" : rule.topics.map(\.label).joined(separator: "、"))</td>\
            <td>\(rule.keywords.isEmpty ? "—" : rule.keywords.joined(separator: "、"))</td>\
            <td>\(rule.units.map(units.name).joined(separator: "、"))</td><td>\(rule.mode?.label ?? "—")</td><td>\(rule.note ?? "")</td></tr>
            """
        }
        let terms: HTML =
            rules.terms.isEmpty
            ? .empty : "<p id=\"rule-terms\">不拆分的词语（其中含有的关键词不算匹配）：\(rules.terms.joined(separator: "、"))</p>"
        let body: HTML = """
            \(AdminPages.heading("分派规则", current: .rules))
            <p class="muted">routing 服务正在使用的分派规则（版本 \(rules.version)），按顺序匹配；关键词须为诉求内容中的完整词语。\
            管理员可用 <code>subanctl routing rules --output json</code> 导出、修改后以 <code>subanctl routing load-rules</code> 整体替换（留有记录）。\
            各单位负责的诉求分类见“单位与人员”。</p>
            <div class="scroll"><table id="rules"><thead><tr><th>规则</th><th>诉求分类</th><th>关键词</th><th>单位（牵头在前）</th><th>办理方式</th><th>说明</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(terms)
            """
        return PageLayout.page(title: "分派规则", staff: staff, body: body)
    }

    /// The holiday years the SLA service counts deadlines with, and the form that loads a new one.
    static func calendar(staff: SignedInStaff, years: [Wire.CalendarYear], flash: Flash? = nil) -> HTML {
        let rows: [HTML] = years.map { year in
            let source = year.loaded ? "管理员加载（\(PageLayout.time(year.loadedUnixMs))）" : "系统内置"
            return
                "<tr data-year=\"\(year.year)\"><td>\(year.year)</td><td>\(year.daysOff)</td><td>\(year.workingWeekendDays)</td><td>\(year.notice)</td><td>\(source)</td></tr>"
        }
        let body: HTML = """
            \(AdminPages.heading("节假日历", current: .calendar))
            <p class="muted">时限服务按下表各年的国务院办公厅节假日安排计算工作日；没有列出的年份按周一至周五计算，相关时限标为“暂定”。</p>
            <div class="scroll"><table id="calendar-years"><thead><tr><th>年份</th><th>放假天数</th><th>调休上班天数</th><th>依据</th><th>来源</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <h2>加载新的年度安排</h2>
            <form method="post" action="/admin/calendar" enctype="multipart/form-data" class="stack" id="load-calendar">
            \(PageLayout.csrfField(staff))
            <label>节假日文件（JSON，一年一个文件，格式见 docs/calendar.md）<input type="file" name="json" accept=".json,application/json" required></label>
            <button type="submit" class="primary">加载</button>
            </form>
            <p class="muted">加载后取代该年原有的安排，并立即重算受影响的未完成时限。文件有误时不作任何改变。与 subanctl calendar load 相同。</p>
            """
        return PageLayout.page(title: "节假日历", staff: staff, flash: flash, body: body)
    }

    static func level(_ code: String) -> String {
        switch code {
        case "desk": "一级账号"
        case "unit": "二级单位"
        case "enterprise_help": "助企服务"
        default: code
        }
    }

    static func topics(_ codes: [String]) -> String {
        codes.isEmpty ? "—" : codes.map { WorkOrder.Topic(rawValue: $0)?.label ?? $0 }.joined(separator: "、")
    }
}

extension HTML {
    init(joining parts: [HTML], separator: HTML) {
        self = ""
        for (index, part) in parts.enumerated() {
            self = index == 0 ? part : "\(self)\(separator)\(part)"
        }
    }
}

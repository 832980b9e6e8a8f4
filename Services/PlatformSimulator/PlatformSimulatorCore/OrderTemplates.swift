public import PlatformAdapter

/// Realistic 12345 orders for a human-resources and social-security bureau, from varied Chinese
/// templates over every topic: consultations, complaints and reports, urgent and normal, key
/// enterprises, the business environment and wage arrears. Deterministic for a given seed, so a
/// demo or a failing load run can be repeated.
public struct OrderTemplates: Sendable {
    /// One template: the topic, the kind and a content with `{place}` / `{company}` / `{months}` slots.
    struct Template: Sendable {
        var topic: String
        var kind: String
        var content: String
        var urgent = false
    }

    static let templates: [Template] = [
        Template(
            topic: "wage_arrears", kind: "complaint",
            content: "来电人反映在{place}{company}工地务工，已被拖欠{months}个月工资共计约{amount}元，多次讨要无果，请求协调解决。", urgent: true),
        Template(
            topic: "wage_arrears", kind: "complaint",
            content: "来电人称{company}拖欠其与{count}名工友{months}个月工资，老板已联系不上，工人情绪激动，请尽快处理。", urgent: true),
        Template(topic: "wage_arrears", kind: "report", content: "来电人举报{place}一家餐饮店（{company}）长期拖欠服务员工资，要求劳动监察部门调查。"),
        Template(topic: "pension", kind: "consultation", content: "来电人咨询灵活就业人员养老保险缴费档次及{year}年缴费基数，想了解如何在网上办理。"),
        Template(topic: "pension", kind: "complaint", content: "来电人反映其父亲已于上月办理退休手续，但养老金至今未发放，请核实原因。"),
        Template(topic: "pension", kind: "consultation", content: "来电人咨询养老保险关系从外省转入本市的办理流程和所需材料。"),
        Template(
            topic: "unemployment_insurance", kind: "consultation",
            content: "来电人咨询失业保险金申领条件，其在{company}工作{months}个月后被解除劳动合同。"),
        Template(topic: "unemployment_insurance", kind: "complaint", content: "来电人反映在线申领失业保险金已{days}天仍显示审核中，请求加快办理。"),
        Template(
            topic: "work_injury", kind: "help", content: "来电人称在{company}上班途中发生交通事故受伤，单位拒绝申报工伤，请求帮助。", urgent: true),
        Template(topic: "work_injury", kind: "consultation", content: "来电人咨询工伤认定申请的时限和需要提交的材料。"),
        Template(topic: "employment", kind: "consultation", content: "来电人为{year}届高校毕业生，咨询就业见习补贴和求职创业补贴政策。"),
        Template(topic: "employment", kind: "suggestion", content: "来电人建议在{place}增设公益性岗位招聘专场，方便大龄失业人员就近就业。"),
        Template(topic: "training", kind: "consultation", content: "来电人咨询职业技能培训补贴的申领条件，其已取得电工中级职业资格证书。"),
        Template(topic: "training", kind: "complaint", content: "来电人反映{place}某培训机构收取培训费后未按约定开班，也不予退费。"),
        Template(topic: "talent", kind: "consultation", content: "来电人咨询高层次人才引进安家补贴的申报时间和条件。"),
        Template(topic: "labor_inspection", kind: "report", content: "来电人举报{company}未与员工签订劳动合同且不缴纳社会保险，涉及约{count}人。"),
        Template(topic: "labor_inspection", kind: "complaint", content: "来电人反映{company}强制员工每天加班至晚上十点且不支付加班费。"),
        Template(
            topic: "mediation_arbitration", kind: "consultation", content: "来电人咨询劳动仲裁的申请流程，其与{company}因经济补偿金发生争议。"),
        Template(topic: "business_environment", kind: "help", content: "{company}反映办理社保登记变更时需重复提交材料，影响企业经营，请求简化流程。"),
        Template(
            topic: "business_environment", kind: "suggestion", content: "{company}建议开通企业招工用工“一站式”服务窗口，集中办理招聘备案和社保登记。"),
        Template(topic: "other", kind: "consultation", content: "来电人咨询社保卡丢失后如何挂失补办，以及补办期间能否正常就医结算。"),
    ]

    static let places = ["湖滨区", "陕州区", "义马市", "灵宝市", "渑池县", "卢氏县", "开发区", "城乡一体化示范区"]
    static let companies = ["某建筑劳务公司", "某商贸有限公司", "某物流公司", "某机械制造公司", "某食品加工厂", "某物业服务公司", "某装饰工程公司"]
    /// Key enterprises (万人助万企) the simulator knows; their credit codes follow GB 32100's check digit.
    public static let keyEnterprises: [(name: String, creditCode: String)] = [
        ("三门峡某铝业有限公司", "91411200MA44XKLM1K"),
        ("三门峡某新材料股份有限公司", "91411200MA45YPQR2Q"),
    ]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇"]

    private var state: UInt64

    public init(seed: UInt64 = 20_210_080) {
        state = seed == 0 ? 1 : seed
    }

    /// A small deterministic generator (xorshift): repeatable per seed, no global state.
    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    /// A new order body; `urgent`, `topic` and `enterprise` force a shape, the rest is drawn.
    public mutating func order(
        number: String, dispatchedAt: String, deadline: String?, urgent: Bool? = nil, topic: String? = nil,
        keyEnterprise: Bool = false
    ) -> JSONValue {
        let candidates = Self.templates.filter { template in topic.map { template.topic == $0 } ?? true }
        let template =
            candidates.isEmpty ? Self.templates[next(Self.templates.count)] : candidates[next(candidates.count)]
        let company =
            keyEnterprise
            ? Self.keyEnterprises[next(Self.keyEnterprises.count)].name : Self.companies[next(Self.companies.count)]
        var content = template.content
        for (slot, value) in [
            ("{place}", Self.places[next(Self.places.count)]), ("{company}", company),
            ("{months}", String(2 + next(8))),
            ("{amount}", String((3 + next(40)) * 1000)), ("{count}", String(5 + next(40))),
            ("{days}", String(10 + next(30))),
            ("{year}", "2026"),
        ] {
            content = content.replacingOccurrences(of: slot, with: value)
        }
        var body: [String: JSONValue] = [
            "order_no": .string(number),
            "urgency": .string((urgent ?? template.urgent) ? "urgent" : "normal"),
            "kind": .string(template.kind),
            "topic": .string(template.topic),
            "content": .string(content),
            "address": .string("三门峡市\(Self.places[next(Self.places.count)])"),
            "caller": [
                "name": .string(
                    Self.surnames[next(Self.surnames.count)] + Self.givenNames[next(Self.givenNames.count)]),
                "phone": .string("13\(next(10))\(String(10_000_000 + next(89_999_999)))"),
            ],
            "dispatched_at": .string(dispatchedAt),
        ]
        if let deadline { body["deadline"] = .string(deadline) }
        if keyEnterprise || template.topic == "business_environment" {
            let enterprise =
                keyEnterprise ? Self.keyEnterprises[next(Self.keyEnterprises.count)] : (name: company, creditCode: "")
            body["enterprise"] =
                enterprise.creditCode.isEmpty
                ? ["name": .string(enterprise.name)]
                : ["name": .string(enterprise.name), "credit_code": .string(enterprise.creditCode)]
        }
        return .object(body)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

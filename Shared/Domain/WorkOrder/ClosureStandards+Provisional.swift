extension ClosureStandardTable {
    /// A placeholder set of 11 wage-arrears closure standards, every one marked `provisional`.
    ///
    /// The notice closes wage-arrears orders against the 11 standards of the city 12345 command centre
    /// (《市12345政府服务热线指挥中心处理拖欠工资类诉求事项审核办结标准》), whose text is not public. Until the
    /// administrator loads them, this set stands in: it follows the verification conclusions of the national
    /// wage-arrears clue platform and the labour-inspection rules that closures cite (see domain-notes.md). Codes
    /// carry a `P` so that the city's real codes never collide with them.
    public static let provisional = ClosureStandardTable(
        unvalidatedVersion: "provisional-1",
        source: """
            PROVISIONAL — not the city's standards. Derived by Suban from the verification conclusions of the national \
            wage-arrears clue platform (全国根治欠薪线索反映平台) and the labour-inspection rules closures cite, because \
            the 11 standards of the city 12345 command centre (市12345政府服务热线指挥中心处理拖欠工资类诉求事项审核办结标准) \
            are not public. Replace this table with the city's standards.
            """,
        standards: provisionalStandards
    )

    // Validated by the tests (decode of its own JSON), so that a typo here fails CI rather than a start-up.
    init(unvalidatedVersion version: String, source: String, standards: [ClosureStandard]) {
        self.version = version
        self.source = source
        self.standards = standards
    }

    private static let provisionalStandards: [ClosureStandard] = [
        standard(
            "WA-P01", "经核实存在欠薪，已足额支付",
            evidence: ["工资支付凭证（银行转账记录或签收单）", "劳动者确认收到工资的记录", "调查核实记录"],
            solved: true, basis: "《保障农民工工资支付条例》"
        ),
        standard(
            "WA-P02", "经核实存在欠薪，双方已达成还款协议",
            evidence: ["双方签字的还款协议", "劳动者认可还款协议的记录"],
            solved: false, basis: "《保障农民工工资支付条例》"
        ),
        standard(
            "WA-P03", "欠薪未支付，已作出行政处理决定并申请人民法院强制执行",
            evidence: ["劳动保障监察行政处理决定书", "强制执行申请书及法院受理回执"],
            solved: false, basis: "《中华人民共和国行政强制法》第五十三条"
        ),
        standard(
            "WA-P04", "欠薪未支付，涉嫌拒不支付劳动报酬罪，已移送公安机关",
            evidence: ["涉嫌犯罪案件移送书", "公安机关受案回执"],
            solved: false, basis: "《中华人民共和国刑法》第二百七十六条之一"
        ),
        standard(
            "WA-P05", "属劳动争议，应当或已经申请劳动仲裁，已告知诉求人",
            evidence: ["劳动争议性质的认定说明", "告知诉求人申请劳动仲裁的记录（录音或书面告知书）"],
            solved: false, basis: "《中华人民共和国劳动争议调解仲裁法》"
        ),
        standard(
            "WA-P06", "经核实不存在拖欠工资，已向诉求人反馈",
            evidence: ["调查询问笔录", "工资发放记录或工资支付台账", "向诉求人反馈核查结论的记录"],
            solved: true, basis: nil
        ),
        standard(
            "WA-P07", "已由欠薪应急周转金或工资保证金先行垫付",
            evidence: ["垫付审批材料", "劳动者签收或银行转账记录"],
            solved: true, basis: "《保障农民工工资支付条例》"
        ),
        standard(
            "WA-P08", "已立案调查，在法定期限内办理，已告知诉求人办理时限",
            evidence: ["立案审批表", "告知诉求人办理时限的记录"],
            solved: false, basis: "《劳动保障监察条例》第十七条（自立案之日起60个工作日，情况复杂的可延长30个工作日）"
        ),
        standard(
            "WA-P09", "违法行为超过两年未被发现或投诉，依法不再查处，已告知诉求人",
            evidence: ["时效认定说明", "不再查处告知书或告知记录"],
            solved: false, basis: "《劳动保障监察条例》第二十条"
        ),
        standard(
            "WA-P10", "不属于劳动保障监察范围（如非劳动关系的劳务、承揽纠纷），已告知诉求人救济途径",
            evidence: ["不属于受理范围的认定说明", "告知诉求人救济途径的记录"],
            solved: false, basis: nil
        ),
        standard(
            "WA-P11", "诉求信息不全且无法联系诉求人，无法核实",
            evidence: ["不同时段三次以上的联系记录", "按现有信息核查的记录"],
            solved: false, basis: nil
        ),
    ]

    private static func standard(
        _ code: String,
        _ title: String,
        evidence: [String],
        solved: Bool,
        basis: String?
    ) -> ClosureStandard {
        ClosureStandard(
            code: code, title: title, requiredEvidence: evidence, countsAsSolved: solved, provisional: true,
            legalBasis: basis
        )
    }
}

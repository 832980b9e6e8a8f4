extension RoutingRuleSet {
    /// The rules Suban ships, over ``UnitDirectory/shipped``; the routing service seeds its database with them on
    /// first start.
    ///
    /// One mode rule (wage arrears → 专事专办 at the labour-inspection brigade, notice section 三.5) and keyword
    /// rules that bring in the unit a phrase of the content points to, so that, for example, a work-injury order
    /// that also raises unemployment benefits involves both insurance centres and is handled jointly. The three
    /// units that answer for no topic of their own (城镇职工养老保险科, 职业介绍服务中心, 职业技能鉴定指导中心) are
    /// reached through keywords of their business.
    public static let shipped = RoutingRuleSet(
        unvalidatedVersion: "shipped-2",
        rules: [
            RoutingRule(
                id: "wage_arrears.special_case", topics: [.wageArrears], units: ["labor_inspection_brigade"],
                mode: .specialCase, note: "拖欠工资类诉求：专事专办，按审核办结标准办结（通知第三部分第5项）"
            ),
            keywordRule("keyword.wage_arrears", ["拖欠工资", "欠薪", "讨薪", "工资拖欠"], "labor_inspection_brigade"),
            keywordRule("keyword.work_injury", ["工伤"], "work_injury_insurance_center"),
            keywordRule("keyword.unemployment", ["失业"], "unemployment_insurance_center"),
            keywordRule("keyword.pension", ["养老保险", "养老金", "退休金"], "pension_insurance_center"),
            keywordRule("keyword.retirement", ["退休审批", "提前退休", "特殊工种", "视同缴费"], "urban_pension_section"),
            keywordRule("keyword.employment", ["就业登记", "创业担保贷款", "就业补贴", "灵活就业"], "employment_office"),
            keywordRule("keyword.job_placement", ["招聘", "求职", "职业介绍"], "job_placement_center"),
            keywordRule("keyword.training", ["职业培训", "技能培训", "培训补贴"], "employment_training_center"),
            keywordRule("keyword.skills_appraisal", ["技能鉴定", "职业资格", "技能等级"], "skills_appraisal_center"),
            keywordRule("keyword.talent", ["人才引进", "人事代理", "人事档案", "档案托管"], "talent_exchange_center"),
        ],
        // A flexibly employed person's pension or insurance is the insurance centre's, not employment's.
        terms: ["灵活就业人员"]
    )

    private static func keywordRule(_ id: String, _ keywords: [String], _ unit: String) -> RoutingRule {
        RoutingRule(id: id, keywords: keywords, units: [unit])
    }
}

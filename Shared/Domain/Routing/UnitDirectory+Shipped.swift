extension UnitDirectory {
    /// The directory Suban ships: the desk, the ten level-2 units and the enterprise-help liaison. The routing
    /// service seeds its database with it on first start; from then on the administrator edits the units
    /// (`routing.update_unit`) and this value no longer matters.
    ///
    /// **Which ten units, and why.** Section 二 of the notice sets up "一级账号1个，二级账号10个" and names as its
    /// responsible units 办公室 and exactly ten others: 就业办, 城镇职工养老保险科, 劳动就业培训中心, 养老保险中心,
    /// 失业保险中心, 工伤保险中心, 劳动保障监察支队, 人才交流中心, 职业介绍服务中心, 职业技能鉴定指导中心. Those ten
    /// are taken as the ten level-2 accounts. Sections 三 and 四 add 劳动保障监察科 and 调解仲裁管理科 as handling
    /// units, but not as account holders, so they are not in the directory: labour-inspection matters go to the
    /// brigade (劳动保障监察支队), and `mediation_arbitration` orders go to the desk, which passes them to
    /// 调解仲裁管理科 inside the bureau (the administrator can give the topic to a unit with `update_unit`).
    /// `business_environment` and `other` also belong to the desk: the green channel's task force
    /// (优化营商环境专班) sits there, and keyword rules bring in the units an order concerns.
    ///
    /// **No people.** The units' liaisons and leaders are staff accounts the administrator creates in the
    /// console; until a post is held, notifications for it wait in the gateway's outbox, visibly failing.
    public static let shipped = UnitDirectory(unvalidatedUnits: [
        unit("office", "办公室", .desk, topics: [.businessEnvironment, .mediationArbitration, .other]),
        unit("employment_office", "就业办", .unit, topics: [.employment]),
        unit("urban_pension_section", "城镇职工养老保险科", .unit, topics: []),
        unit("employment_training_center", "劳动就业培训中心", .unit, topics: [.training]),
        unit("pension_insurance_center", "养老保险中心", .unit, topics: [.pension]),
        unit(
            "unemployment_insurance_center", "失业保险中心", .unit,
            topics: [.unemploymentInsurance]
        ),
        unit("work_injury_insurance_center", "工伤保险中心", .unit, topics: [.workInjury]),
        unit(
            "labor_inspection_brigade", "劳动保障监察支队", .unit,
            topics: [.wageArrears, .laborInspection]
        ),
        unit("talent_exchange_center", "人才交流中心", .unit, topics: [.talent]),
        unit("job_placement_center", "职业介绍服务中心", .unit, topics: []),
        unit("skills_appraisal_center", "职业技能鉴定指导中心", .unit, topics: []),
        unit("enterprise_help", "助企联络员", .enterpriseHelp, topics: []),
    ])

    private static func unit(_ code: String, _ name: String, _ level: BureauUnit.Level, topics: [WorkOrder.Topic])
        -> BureauUnit
    {
        BureauUnit(code: code, name: name, level: level, topics: topics)
    }
}

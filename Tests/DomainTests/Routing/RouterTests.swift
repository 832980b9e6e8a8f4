import Domain
import Testing

/// The router's seven steps over the shipped directory and rules, one mode at a time, then the fallbacks.
@Suite struct RouterTests {
    typealias F = RoutingFixtures

    @Test func keyEnterpriseByCreditCodeGoesStraightToTheLiaison() {
        // Lower case and spaces around the code still match; the other facts would otherwise win.
        let decision = F.decide(
            F.facts(.pension, urgency: .urgent, enterpriseCreditCode: " \(F.keyCode.lowercased()) ", wideImpact: true)
        )
        #expect(decision.units == ["enterprise_help"])
        #expect(decision.mode == .transfer && decision.track == .keyEnterprise)
        #expect(decision.ruleID == Router.RuleID.keyEnterprise)
        #expect(decision.explanation.contains("按统一社会信用代码识别"))
    }

    @Test func wageArrearsOfAKeyEnterpriseIsStillASpecialCaseForLabourInspection() {
        let decision = F.decide(F.facts(.wageArrears, enterpriseCreditCode: F.keyCode))
        #expect(decision.units == ["labor_inspection_brigade"])
        #expect(decision.mode == .specialCase)
        #expect(decision.ruleID == "wage_arrears.special_case")
    }

    @Test func keyEnterpriseByExactName() {
        let decision = F.decide(
            F.facts(.employment, enterpriseName: "渑池示例材料有限公司", enterpriseCreditCode: F.ordinaryCode))
        #expect(decision.units == ["enterprise_help"] && decision.track == .keyEnterprise)
        #expect(decision.explanation.contains("按企业全称识别"))
        // A name that is only similar is not a key enterprise.
        let similar = F.decide(F.facts(.employment, enterpriseName: "渑池示例材料有限责任公司"))
        #expect(similar.track == .regular && similar.ruleID == Router.RuleID.topicTransfer)
    }

    @Test func businessEnvironmentWithOneUnitIsATransferOnTheGreenChannel() {
        let decision = F.decide(F.facts(.businessEnvironment, content: "企业申请稳岗返还，咨询失业保险政策"))
        #expect(decision.units == ["unemployment_insurance_center"])
        #expect(decision.mode == .transfer && decision.track == .greenChannel)
        #expect(decision.ruleID == Router.RuleID.greenChannel)
    }

    @Test func businessEnvironmentWithSeveralUnitsOrWideImpactIsJoint() {
        let several = F.decide(F.facts(.businessEnvironment, content: "企业招聘困难，同时员工工伤认定迟迟未办"))
        #expect(several.units == ["work_injury_insurance_center", "job_placement_center"])
        #expect(several.mode == .jointHandling && several.track == .greenChannel)

        let wide = F.decide(F.facts(.businessEnvironment, content: "园区企业反映办事难", wideImpact: true))
        #expect(wide.units == ["office"])
        #expect(wide.mode == .jointHandling && wide.track == .greenChannel)
    }

    @Test func businessEnvironmentWithoutKeywordsGoesToTheTaskForceAtTheDesk() {
        let decision = F.decide(F.facts(.businessEnvironment, content: "企业反映办事流程繁琐"))
        #expect(decision.units == ["office"] && decision.mode == .transfer && decision.track == .greenChannel)
    }

    @Test func wageArrearsIsASpecialCaseAtTheBrigadeEvenWhenUrgent() {
        let decision = F.decide(F.facts(.wageArrears, urgency: .urgent, content: "工地拖欠工资，工伤也没人管", wideImpact: true))
        #expect(decision.units == ["labor_inspection_brigade"])
        #expect(decision.mode == .specialCase && decision.track == .regular)
        #expect(decision.ruleID == "wage_arrears.special_case")
    }

    @Test func urgentIsLeaderInstruction() {
        let decision = F.decide(F.facts(.pension, urgency: .urgent, content: "养老金停发"))
        #expect(decision.units == ["pension_insurance_center"])
        #expect(decision.mode == .leaderInstruction && decision.ruleID == Router.RuleID.urgent)
    }

    @Test func urgentWithSeveralUnitsKeepsThemLeadFirst() {
        let decision = F.decide(F.facts(.workInjury, urgency: .urgent, content: "工伤后被辞退，申领失业金"))
        #expect(decision.units == ["work_injury_insurance_center", "unemployment_insurance_center"])
        #expect(decision.mode == .leaderInstruction)
    }

    @Test func workInjuryAndUnemploymentKeywordsMakeAJointOrderLedByTheTopicUnit() {
        let decision = F.decide(F.facts(.workInjury, content: "工伤认定后单位解除合同，失业保险金如何领取"))
        #expect(decision.units == ["work_injury_insurance_center", "unemployment_insurance_center"])
        #expect(decision.mode == .jointHandling && decision.ruleID == Router.RuleID.jointHandling)
        #expect(decision.explanation.contains("规则 keyword.unemployment：失业"))
    }

    /// Keywords match whole terms: 灵活就业 inside 灵活就业人员 (a person) brings no employment office
    /// into a pension matter, while 灵活就业 standing alone still does.
    @Test func aKeywordInsideALongerTermIsNoMatch() {
        let pension = F.decide(F.facts(.pension, content: "灵活就业人员养老保险怎么缴费"))
        #expect(pension.units == ["pension_insurance_center"] && pension.mode == .transfer)
        let employment = F.decide(F.facts(.pension, content: "办理灵活就业登记后养老保险怎么缴"))
        #expect(
            employment.units == ["pension_insurance_center", "employment_office"] && employment.mode == .jointHandling)
        #expect(employment.explanation.contains("规则 keyword.employment：灵活就业"))
    }

    @Test func wideImpactAloneIsJointHandling() {
        let decision = F.decide(F.facts(.talent, content: "人才公寓分配不公", wideImpact: true))
        #expect(decision.units == ["talent_exchange_center"])
        #expect(decision.mode == .jointHandling && decision.explanation.contains("影响面广"))
    }

    @Test func consultationWithAKnowledgeBaseMatchIsAnsweredByTheDesk() {
        let decision = F.decide(F.facts(.pension, kind: .consultation, content: "养老保险如何转移", knowledgeBaseMatch: true))
        #expect(decision.units == ["office"])
        #expect(decision.mode == .immediateAnswer && decision.ruleID == Router.RuleID.knowledgeBase)
    }

    @Test func consultationWithoutAMatchOrAComplaintWithOneIsTransferred() {
        let noMatch = F.decide(F.facts(.pension, kind: .consultation, content: "养老保险如何转移"))
        let complaint = F.decide(F.facts(.pension, kind: .complaint, content: "养老保险", knowledgeBaseMatch: true))
        for decision in [noMatch, complaint] {
            #expect(decision.units == ["pension_insurance_center"])
            #expect(decision.mode == .transfer && decision.ruleID == Router.RuleID.topicTransfer)
        }
    }

    @Test(arguments: [
        (WorkOrder.Topic.employment, "employment_office"),
        (.training, "employment_training_center"),
        (.unemploymentInsurance, "unemployment_insurance_center"),
        (.talent, "talent_exchange_center"),
        (.laborInspection, "labor_inspection_brigade"),
        (.mediationArbitration, "office"),
        (.other, "office"),
    ])
    func otherwiseTheUnitOfTheTopic(topic: WorkOrder.Topic, unit: String) {
        let decision = F.decide(F.facts(topic))
        #expect(decision.units == [unit])
        #expect(
            decision.mode == .transfer && decision.track == .regular && decision.ruleID == Router.RuleID.topicTransfer)
    }

    @Test func aKeywordBringsInAUnitForADeskTopic() {
        let decision = F.decide(F.facts(.other, content: "想咨询职业技能等级证书，技能鉴定在哪里报名"))
        #expect(decision.units == ["skills_appraisal_center"] && decision.mode == .transfer)
    }
}

import Domain
import Testing

/// Units that returned an order, inactive units, and what happens when nobody is left.
@Suite struct RouterFallbackTests {
    typealias F = RoutingFixtures

    @Test func aUnitThatReturnedTheOrderIsNeverChosenAgain() {
        let decision = F.decide(
            F.facts(.workInjury, content: "工伤认定后申领失业金", excluded: ["work_injury_insurance_center"])
        )
        // One unit is left, so the order is no longer a joint one.
        #expect(decision.units == ["unemployment_insurance_center"])
        #expect(decision.mode == .transfer && decision.ruleID == Router.RuleID.topicTransfer)
        #expect(decision.explanation.contains("工伤保险中心（已退回此单）"))
    }

    @Test func nobodyLeftGoesToTheDeskInTheChosenMode() {
        let wageArrears = F.decide(F.facts(.wageArrears, excluded: ["labor_inspection_brigade"]))
        #expect(wageArrears.units == ["office"])
        #expect(wageArrears.mode == .specialCase && wageArrears.ruleID == Router.RuleID.nobodyLeft)
        #expect(wageArrears.explanation.contains("劳动保障监察支队（已退回此单）"))
        #expect(wageArrears.explanation.contains("（步骤 wage_arrears.special_case）"))
        let assigned = F.decide(F.facts(.wageArrears))
        #expect(assigned.explanation.contains("承办单位：劳动保障监察支队（规则 wage_arrears.special_case）"))

        let pension = F.decide(F.facts(.pension, excluded: ["pension_insurance_center"]))
        #expect(pension.units == ["office"] && pension.mode == .transfer && pension.ruleID == Router.RuleID.nobodyLeft)
    }

    @Test func keyEnterpriseWhoseLiaisonReturnedItGoesToTheDesk() {
        let decision = F.decide(F.facts(.employment, enterpriseCreditCode: F.keyCode, excluded: ["enterprise_help"]))
        #expect(decision.units == ["office"])
        #expect(decision.track == .keyEnterprise && decision.ruleID == Router.RuleID.nobodyLeft)
    }

    @Test func theDeskCannotBeExcluded() {
        let decision = F.decide(F.facts(.other, excluded: ["office"]))
        #expect(decision.units == ["office"] && decision.ruleID == Router.RuleID.topicTransfer)
    }

    @Test func anInactiveUnitIsSkippedLikeAReturnedOne() throws {
        var directory = F.directory
        var unit = try #require(directory["talent_exchange_center"])
        unit.active = false
        try directory.update(unit)
        let decision = F.decide(F.facts(.talent), directory: directory)
        #expect(decision.units == ["office"] && decision.ruleID == Router.RuleID.nobodyLeft)
        #expect(decision.explanation.contains("人才交流中心（已停用）"))
    }

    @Test func aTopicNobodyAnswersForGoesToTheDeskUnderItsOwnRule() throws {
        var directory = F.directory
        var unit = try #require(directory["talent_exchange_center"])
        unit.topics = []
        try directory.update(unit)
        let decision = F.decide(F.facts(.talent), directory: directory)
        #expect(decision.units == ["office"] && decision.ruleID == Router.RuleID.noUnitForTopic)
    }

    @Test func aTopicMovedToAnotherUnitFollowsIt() throws {
        var directory = F.directory
        var unit = try #require(directory["labor_inspection_brigade"])
        unit.topics.append(.mediationArbitration)
        try directory.update(unit)
        let decision = F.decide(F.facts(.mediationArbitration), directory: directory)
        // The desk answers for the topic too, but it steps back when a level-2 unit does.
        #expect(decision.units == ["labor_inspection_brigade"])
    }

    @Test func everyDecisionNamesAUnitOfTheDirectory() {
        for topic in WorkOrder.Topic.allCases {
            for urgency in WorkOrder.Urgency.allCases {
                for kind in WorkOrder.Kind.allCases {
                    let decision = F.decide(F.facts(topic, kind: kind, urgency: urgency, knowledgeBaseMatch: true))
                    #expect(!decision.units.isEmpty)
                    #expect(decision.units.allSatisfy { F.directory[$0] != nil })
                    #expect(!decision.ruleID.isEmpty && !decision.explanation.isEmpty)
                }
            }
        }
    }
}

import Domain
import Foundation
import Testing

/// 汇总: the compiled reply carries every held meeting's decisions and every action item's outcome.
@Suite struct CompilationTests {
    typealias F = CoordinationFixtures

    @Test func theReplyNamesTheUnitsDecisionsAndOutcomes() throws {
        var coordination = try F.caseIn(.readyToCompile)
        coordination.unitNames = [F.lead: "工伤保险中心", F.partner: "失业保险中心"]
        let event = try coordination.apply(
            .compile(result: .solved, summary: "诉求人工伤待遇与失业登记均已办结。"), by: F.liaison(), at: F.afterMeeting)
        #expect(event.to == .compiled && event.reason == "solved")
        let compilation = try #require(coordination.compilation)
        #expect(compilation.compiledBy == F.liaison() && compilation.result == .solved && compilation.round == 1)
        #expect(
            compilation.text == """
                经工伤保险中心牵头，会同失业保险中心召开协调会研究办理，现将办理结果汇总如下：
                诉求人工伤待遇与失业登记均已办结。
                一、协调会议定事项
                1. 先行支付工伤待遇
                2. 同步办理失业登记
                二、事项落实情况
                1. 工伤保险中心：核定并支付工伤待遇。落实情况：已核定，10月9日发放（2025年10月9日办结）
                2. 失业保险中心：办理失业登记。落实情况：已办理失业登记（2025年10月9日办结）
                """)
    }

    @Test func severalMeetingsAreDatedAndUnknownUnitsKeepTheirCodes() throws {
        var coordination = try F.caseIn(.readyToCompile)
        let slot = CoordinationCaseTransitionTests.laterSlot
        _ = try coordination.apply(.scheduleMeeting(F.plan(slot)), by: F.desk, at: F.afterMeeting)
        _ = try coordination.apply(.recordAttendance(number: 2, F.attendance), by: F.desk, at: slot.start)
        _ = try coordination.apply(
            .recordMinutes(number: 2, minutes: "二次会议", decisions: ["补充说明政策依据"]), by: F.desk, at: slot.start)
        _ = try coordination.apply(.compile(result: .partlySolved, summary: ""), by: F.liaison(), at: slot.end)
        let text = try #require(coordination.compilation?.text)
        #expect(text.hasPrefix("经\(F.lead)牵头，会同\(F.partner)召开协调会研究办理"))
        #expect(text.contains("（2025年9月30日协调会）\n1. 先行支付工伤待遇\n2. 同步办理失业登记\n（2025年10月10日协调会）\n3. 补充说明政策依据"))
    }

    @Test func aReplyLongerThanIntakeTakesIsRefused() throws {
        var coordination = try F.caseIn(.readyToCompile)
        let error = #expect(throws: CoordinationError.self) {
            try coordination.apply(
                .compile(result: .solved, summary: String(repeating: "长", count: 3990)), by: F.liaison(),
                at: F.afterMeeting)
        }
        #expect(error?.field == "summary")
        #expect(coordination.state == .readyToCompile && coordination.compilation == nil)
    }
}

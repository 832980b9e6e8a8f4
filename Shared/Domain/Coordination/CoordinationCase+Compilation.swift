import Foundation

// 汇总 (notice section 三.4: "办理后，由牵头单位组织人员对办理情况进行整理，由联络员向12345政务服务平台回复"): the lead
// unit's liaison turns the meetings' decisions and every action item's outcome into the order's draft reply.
extension CoordinationCase {
    /// The longest reply intake accepts (``WorkOrderDraft/maximumContentLength``).
    public static var maximumReplyLength: Int { WorkOrderDraft.maximumContentLength }

    mutating func compile(
        result: WorkOrder.ResultCode,
        summary: String,
        by actor: WorkOrder.Actor,
        at time: Date
    ) throws(CoordinationError) -> Step {
        // Only the lead unit's liaison replies (authorize let the lead unit's liaisons through, nobody else).
        let reasons = outstanding
        guard reasons.isEmpty else { throw CoordinationError(.notReadyToCompile(reasons: reasons)) }
        try Self.requireLength(summary, field: "summary", maximum: Self.maximumTextLength)
        let summary = Self.text(summary)?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = compiledText(summary: summary)
        guard text.count <= Self.maximumReplyLength else {
            throw CoordinationError(
                .invalidArgument(
                    field: "summary",
                    reason:
                        "the compiled reply has \(text.count) characters, more than the \(Self.maximumReplyLength) a reply may have; shorten the summary, minutes or outcomes"
                )
            )
        }
        compilation = Compilation(
            text: text, result: result, summary: summary, compiledBy: actor, compiledAt: time,
            round: (compilation?.round ?? 0) + 1
        )
        return Step(reason: result.rawValue, to: .compiled)
    }

    /// The reply: who coordinated, the lead unit's summary, every held meeting's decisions, every action item with
    /// its outcome. Unit codes are written as their names where known.
    public func compiledText(summary: String?) -> String {
        let lead = name(ofUnit: leadUnit)
        let others = participatingUnits.map(name(ofUnit:)).joined(separator: "、")
        var lines = [
            others.isEmpty
                ? "经\(lead)牵头召开协调会研究办理，现将办理结果汇总如下："
                : "经\(lead)牵头，会同\(others)召开协调会研究办理，现将办理结果汇总如下："
        ]
        if let summary { lines.append(summary) }
        lines.append("一、协调会议定事项")
        let held = meetings.filter { $0.state == .held }
        var decision = 0
        for meeting in held {
            if held.count > 1 { lines.append("（\(Self.chineseDate(meeting.start))协调会）") }
            for text in meeting.decisions {
                decision += 1
                lines.append("\(decision). \(text)")
            }
        }
        lines.append("二、事项落实情况")
        let done = actionItems.filter { $0.state == .done }
        if done.isEmpty { lines.append("会议议定事项无需另行落实。") }
        for (index, item) in done.enumerated() {
            let when = item.completedAt.map { "（\(Self.chineseDate($0))办结）" } ?? ""
            lines.append("\(index + 1). \(name(ofUnit: item.ownerUnit))：\(item.what)。落实情况：\(item.outcome ?? "")\(when)")
        }
        return lines.joined(separator: "\n")
    }

    /// `2026年11月27日`, in Asia/Shanghai.
    static func chineseDate(_ instant: Date) -> String {
        let day = LocalDate(containing: instant)
        return "\(day.year)年\(day.month)月\(day.day)日"
    }
}

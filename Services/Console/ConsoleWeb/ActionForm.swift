import Domain
import Foundation
import WireProtocol

/// An action form posted to `/orders/<id>/actions`, read into intake's `ApplyActionRequest`. The
/// form's names are the request's fields; intake checks what is required for which action.
enum ActionForm {
    /// What the form says that cannot be put to intake (a number that is not one).
    struct Refusal: Error, Sendable {
        var message: String
        /// The person holds no role that could ever take the step (a hand-made post): 403, not 422.
        var forbidden = false
    }

    static func request(_ fields: FormFields, order: Wire.WorkOrderView, staff: SignedInStaff) throws(Refusal)
        -> Wire.ApplyActionRequest
    {
        guard let kindText = fields.text("action"), let kind = WorkOrderAction.Kind(rawValue: kindText) else {
            throw Refusal(message: "未知的操作")
        }
        let channel = WorkOrder.Channel(rawValue: order.channel) ?? .hotline12345
        guard let role = staff.actingRole(for: kind, on: channel) else {
            throw Refusal(message: "您的岗位不能进行“\(kind.label)”")
        }
        var request = Wire.ApplyActionRequest(
            orderId: order.id, actor: Wire.Actor(id: staff.login, role: role.rawValue), action: kind.rawValue)
        request.text = fields.text("text") ?? ""
        request.reason = fields.text("reason") ?? ""
        request.legalBasis = fields.text("legal_basis") ?? ""
        request.resultCode = fields.text("result_code") ?? ""
        request.closureStandard = fields.text("closure_standard") ?? ""
        request.evidence = try evidence(fields.text("evidence"))
        request.approved = fields["approved"] == "true"
        request.callbackOutcome = fields.text("callback_outcome") ?? ""
        request.units = fields.all("units").filter { !$0.isEmpty }
        request.handlingMode = fields.text("handling_mode") ?? ""
        request.track = fields.text("track") ?? ""
        request.articleId = fields.text("article_id") ?? ""
        request.greenLevel = fields.text("green_level") ?? ""
        // 传阅: names separated as people write them (、，, ; or one per line).
        request.circulateTo = (fields.text("circulate_to") ?? "").split { "、，,;；\n".contains($0) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        // An id, `channel:number`, or a number on this order's line: intake resolves it.
        request.parentOrderId = fields.text("parent_order_id") ?? ""
        request.days = try number(fields.text("days"), field: "延期天数", in: 0...UInt32(30))
        request.workersHelped = try number(fields.text("workers_helped"), field: "涉及人数", in: 0...UInt32(1_000_000))
        request.amountRecoveredFen = try fen(fields.text("amount_recovered_yuan"))
        if let date = fields.text("new_deadline") {
            guard let day = LocalDate(date) else { throw Refusal(message: "新的办理时限不是日期（例如 2026-12-31）") }
            request.newDeadlineUnixMs = Int64(day.endInstant.timeIntervalSince1970 * 1000)
        }
        // The review's comment is the reason of a send-back, which the unit must be told.
        if kind == .review && !request.approved && request.text.isEmpty {
            throw Refusal(message: "退回需写明理由")
        }
        return request
    }

    /// Evidence lines `名称|编号或链接`, one item a line.
    static func evidence(_ text: String?) throws(Refusal) -> [Wire.Evidence] {
        guard let text else { return [] }
        var items: [Wire.Evidence] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                if line.allSatisfy(\.isWhitespace) { continue }
                throw Refusal(message: "证据“\(line)”应写成“名称|编号或链接”，两边都不能为空")
            }
            items.append(Wire.Evidence(name: parts[0], reference: parts[1]))
        }
        return items
    }

    static func number(_ text: String?, field: String, in range: ClosedRange<UInt32>) throws(Refusal) -> UInt32 {
        guard let text else { return 0 }
        guard let value = UInt32(text), range.contains(value) else {
            throw Refusal(message: "\(field)应为 \(range.lowerBound)–\(range.upperBound) 之间的整数")
        }
        return value
    }

    /// Yuan with up to two decimals (1234.5) as fen, without going through a binary fraction.
    static func fen(_ text: String?) throws(Refusal) -> Int64 {
        guard let text else { return 0 }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        guard let yuan = Int64(parts[0]), yuan >= 0, yuan < 100_000_000_000, decimals.count <= 2,
            decimals.allSatisfy(\.isASCII), decimals.allSatisfy(\.isNumber)
        else {
            throw Refusal(message: "追回金额应为不超过两位小数的元数（例如 12800.50）")
        }
        return yuan * 100 + (Int64(decimals.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
    }
}

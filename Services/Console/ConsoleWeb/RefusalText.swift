import Domain
import HTTPTypes
import RPC
import WireProtocol

/// What a page says, in Chinese, when a service refuses: the kind of refusal, then the service's
/// own words (which name the rule), and the HTTP status that goes with it.
enum RefusalText {
    static func status(_ error: RPCError) -> HTTPResponse.Status {
        switch error.code {
        case .unauthenticated: .unauthorized
        case .permissionDenied: .forbidden
        case .notFound: .notFound
        case .invalidArgument, .outOfRange: .unprocessableContent
        case .failedPrecondition, .alreadyExists, .aborted: .conflict
        case .unavailable, .deadlineExceeded, .resourceExhausted: .serviceUnavailable
        default: .internalServerError
        }
    }

    static func message(_ error: RPCError) -> String {
        text(error) + traceNote(error)
    }

    /// The trace id of the failed call, which staff quote to the administrator; the server's
    /// message names it already for an internal error.
    static func traceNote(_ error: RPCError) -> String {
        guard let traceID = error.traceID, !traceID.isEmpty, !error.message.contains(traceID) else { return "" }
        return "（追踪编号 \(traceID)）"
    }

    private static func text(_ error: RPCError) -> String {
        let details = error.fieldViolations.map(violation).joined(separator: "；")
        let said = details.isEmpty ? error.message : "\(error.message)（\(details)）"
        switch error.code {
        case .unauthenticated: return "登录已失效，请重新登录：\(said)"
        case .permissionDenied: return "无权进行此操作：\(said)"
        case .notFound: return "未找到：\(said)"
        case .invalidArgument, .outOfRange: return "填写有误：\(said)"
        case .failedPrecondition, .alreadyExists, .aborted: return "当前状态下不能这样做：\(said)"
        case .unavailable, .deadlineExceeded, .resourceExhausted: return "服务暂时无法访问，请稍后重试：\(said)"
        default: return "系统出错：\(said)"
        }
    }

    /// One bad field: its Chinese name and, for the codes every service uses, what is wrong in
    /// Chinese; otherwise the service's own words.
    static func violation(_ violation: FieldViolation) -> String {
        let field = violation.field.split(separator: ".").last.map(String.init) ?? violation.field
        let wrong =
            switch violation.code {
            case "required": "必填"
            case "malformed", "invalid": "格式不正确"
            case "out_of_range": "超出允许范围"
            case "not_found": "不存在"
            case "too_long": "过长"
            case "unknown", "unknown_field": "无法识别"
            case "taken", "duplicate", "already_exists": "已被使用"
            default: violation.message
            }
        return "\(accountFieldLabels[field] ?? WorkOrderTransitionError.fieldLabel(field))：\(wrong)"
    }

    /// The fields of the console's own forms; a work order's are the domain's.
    static let accountFieldLabels = [
        "login": "账号", "name": "姓名", "phone": "电话", "email": "邮箱", "unit": "单位", "roles": "岗位", "new_password": "新密码",
        "order_id": "工单", "parent_order_id": "并入的工单",
    ]
}

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
        let details = error.fieldViolations.map { "\($0.field)：\($0.message)" }.joined(separator: "；")
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
}

import Hummingbird
import RPC
import WireProtocol

extension WebRoutes {
    /// Shows the order's caller in clear in the answer to this one post, never stored or
    /// redirected to: intake records who, when and why first, and refuses those who may not.
    func revealCaller(_ request: Request, id: String) async throws -> Response {
        let staff = try await signedIn(request)
        let fields = try await form(request, staff: staff)
        let reveal = Wire.RevealCallerRequest(orderId: id, reason: fields.text("reason") ?? "")
        let answer: Wire.RevealCallerResponse
        do {
            answer = try await backend.call(backend.intake, Wire.Intake.revealCaller, reveal, session: staff.session)
        } catch {
            if error.code == .unauthenticated { return refusal(error, staff: staff) }
            return try await order(
                request, id: id, flash: .error(RefusalText.message(error)), status: RefusalText.status(error))
        }
        return try await order(
            request, id: id, flash: .ok("已显示来电人完整信息，本次查看已记录"), revealedCaller: answer.caller ?? Wire.Caller())
    }
}

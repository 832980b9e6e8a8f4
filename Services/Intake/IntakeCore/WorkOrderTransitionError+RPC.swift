public import Domain
public import RPC
import WireProtocol

extension WorkOrderTransitionError: RPCErrorConvertible {
    /// Transition errors as callers see them: who may not, what is not allowed now, what is missing.
    /// The Chinese explanation first (staff read it in the console and `subanctl`), the English
    /// one after it for operators and logs.
    public var rpcError: RPCError {
        let said = "\(explanation)（\(message)）"
        return switch code {
        case .forbidden, .notResponsibleUnit:
            RPCError(.permissionDenied, said)
        case .illegalTransition, .extensionAfterDeadline, .noHandlingDeadline, .instructionRequired,
            .deputyInstructionRequired,
            .ownReplyReview:
            RPCError(.failedPrecondition, said)
        default:
            RPCError(.invalidArgument, said)
        }
    }
}

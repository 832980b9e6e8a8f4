public import Domain
public import RPC
import WireProtocol

extension CoordinationError: RPCErrorConvertible {
    /// Refusals as callers see them: who may not, what is not possible now, what does not exist, which field is
    /// wrong.
    public var rpcError: RPCError {
        switch code {
        case .forbidden, .wrongUnit:
            return RPCError(.permissionDenied, message)
        case .unknownMeeting, .unknownActionItem:
            return RPCError(.notFound, message)
        case .missingArgument, .invalidArgument, .unitNotInvited, .dueDate:
            let violation = FieldViolation(
                field: Self.wireField(field ?? ""), code: Self.violationCode(code), message: violationMessage)
            return RPCError(.invalidArgument, message, fieldViolations: [violation])
        case .illegalTransition, .illegalMeetingTransition, .orderNotCoordinated, .orderNotActive, .meetingNotStarted,
            .meetingNotHeld, .meetingCancelled, .actionItemNotOpen, .notReadyToCompile:
            return RPCError(.failedPrecondition, message)
        }
    }

    /// What is wrong with the field, without repeating its name (the violation names it).
    private var violationMessage: String {
        switch code {
        case .missingArgument: "required"
        case .invalidArgument(_, let reason): reason
        default: message
        }
    }

    /// The request field: times travel as Unix milliseconds.
    private static func wireField(_ field: String) -> String {
        field == "starts_at" || field == "ends_at" ? field + "_unix_ms" : field
    }

    private static func violationCode(_ code: Code) -> String {
        switch code {
        case .missingArgument: "required"
        case .unitNotInvited: "not_invited"
        default: "invalid"
        }
    }
}

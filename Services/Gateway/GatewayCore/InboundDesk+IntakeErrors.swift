import RPC
import WireProtocol

extension InboundDesk {
    /// Intake's error as the platform should see it. Only intake's definite refusals (it answered,
    /// and the refusal rolled its transaction back) become 4xx; anything else may have come after
    /// intake committed (its answer lost, late, or failed on the way out), so the caller hears 503
    /// and retries, which intake's idempotency makes safe and truthful.
    static func translate(_ error: RPCError, orderNumber: String) -> APIError {
        switch error.code {
        case .invalidArgument, .outOfRange:
            let fields = error.fieldViolations.map {
                APIError.FieldProblem(field: jsonField($0.field), code: $0.code, message: $0.message)
            }
            return APIError.invalidFields(fields, message: error.message)
        case .notFound:
            return APIError.orderNotFound(orderNumber)
        case .failedPrecondition, .permissionDenied, .alreadyExists:
            return APIError.stateConflict(error.message)
        case .ok, .cancelled, .unknown, .deadlineExceeded, .resourceExhausted, .aborted, .unimplemented, .internal,
            .unavailable,
            .dataLoss, .unauthenticated:
            return APIError.notKnownToBeStored
        }
    }

    /// Intake's field names (`draft.caller.phone`, `draft.platformOrderNumber`) in the adapter's terms.
    static func jsonField(_ field: String) -> String {
        let name = field.hasPrefix("draft.") ? String(field.dropFirst("draft.".count)) : field
        let renamed = [
            "platformOrderNumber": "order_no", "platform_order_number": "order_no", "handlingDeadline": "deadline",
            "handling_deadline_unix_ms": "deadline", "dispatched_at_unix_ms": "dispatched_at",
            "caller.idNumber": "caller.id_number",
            "enterprise.creditCode": "enterprise.credit_code", "callback_outcome": "outcome",
            "new_deadline_unix_ms": "new_deadline",
            // The gateway derives the key of `intake.apply` from the event id (InboundEvent).
            "idempotency_key": "event_id",
        ]
        return renamed[name] ?? name
    }
}

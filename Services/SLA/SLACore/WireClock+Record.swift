import Domain
import RPC
import WireProtocol

extension WireProtocol.Clock {
    /// The wire form of a stored clock.
    init(_ record: ClockRecord) {
        self.init(
            id: record.id,
            orderId: record.orderID,
            unit: record.unit,
            kind: record.kind.rawValue,
            policy: record.policy.name,
            startUnixMs: record.start,
            dueUnixMs: record.due,
            originalDueUnixMs: record.originalDue,
            state: record.state.rawValue,
            provisional: record.provisional,
            warningsSent: UInt32(clamping: record.progress.warningsSent),
            remindersSent: UInt32(clamping: record.progress.remindersSent),
            stopReason: record.stopReason,
            cycle: UInt32(clamping: record.cycle)
        )
    }
}

extension SLAError {
    /// The wire error: the status of the code, and the field as a violation when there is one.
    var rpcError: RPCError {
        let status: StatusCode =
            switch code {
            case .notFound: .notFound
            case .failedPrecondition: .failedPrecondition
            case .resourceExhausted: .resourceExhausted
            default: .invalidArgument
            }
        let violations = field.map { [FieldViolation(field: $0, code: code.description, message: message)] } ?? []
        return RPCError(status, message, fieldViolations: violations)
    }
}

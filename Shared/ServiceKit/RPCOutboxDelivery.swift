public import Outbox
public import RPC
import WireProtocol

extension RPCClient {
    /// Delivers an outbox entry that is an RPC call (`method`, `body`) to this client's service.
    public func deliver(_ entry: Outbox.OutboxEntry, timeout: Duration = .seconds(5)) async -> DeliveryResult {
        do throws(RPCError) {
            _ = try await callRaw(entry.message.method, body: entry.message.body, timeout: timeout)
            return .delivered
        } catch {
            return DeliveryResult(error)
        }
    }
}

extension DeliveryResult {
    /// What a service's refusal means for an outbox entry: a refusal of the call itself is final,
    /// a service that does not answer (down, shutting down, past the deadline) is unreachable, the
    /// rest is tried again.
    public init(_ error: RPCError) {
        switch error.code {
        case .invalidArgument, .failedPrecondition, .notFound, .permissionDenied, .alreadyExists, .outOfRange:
            self = .refused("\(error.code): \(error.message)")
        case .unavailable, .deadlineExceeded:
            self = .unreachable("\(error.code): \(error.message)")
        default:
            self = .failed("\(error.code): \(error.message)")
        }
    }
}

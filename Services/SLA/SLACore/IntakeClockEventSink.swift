import Domain
public import Logging
import RPC
import WireProtocol

/// Delivers fired events to intake, which records them in the order's log (and answers
/// `recorded: false` for an event id it has seen).
public struct IntakeClockEventSink: ClockEventSink {
    private let client: RPCClient
    private let timeout: Duration

    /// A sink calling intake at `host:port`.
    public init(host: String, port: Int, timeout: Duration = .seconds(10), logger: Logger) {
        self.client = RPCClient(
            configuration: RPCClient.Configuration(host: host, port: port, defaultTimeout: timeout),
            logger: logger
        )
        self.timeout = timeout
    }

    public func deliver(_ event: FiredEvent) async -> DeliveryOutcome {
        let request = RecordClockEventRequest(
            eventId: event.eventID,
            orderId: event.orderID,
            clockId: event.clockID,
            clockKind: event.clockKind.rawValue,
            event: event.event.name,
            dueUnixMs: event.due,
            firedUnixMs: event.fired,
            reminderNumber: UInt32(clamping: event.event.number),
            unit: event.unit
        )
        do {
            let response = try await client.call(
                "intake.record_clock_event",
                request,
                as: RecordClockEventResponse.self,
                timeout: timeout,
                traceID: event.eventID
            )
            return response.recorded ? .recorded : .duplicate
        } catch {
            return Self.outcome(of: error)
        }
    }

    /// Refusals about the event itself are final; intake not answering makes it unreachable;
    /// anything else that may pass later (overloaded, an older intake without the method) is retried.
    static func outcome(of error: RPCError) -> DeliveryOutcome {
        switch error.code {
        case .invalidArgument, .notFound, .failedPrecondition, .alreadyExists, .outOfRange, .permissionDenied:
            .rejected("\(error.code): \(error.message)")
        case .unavailable, .deadlineExceeded:
            .unreachable("\(error.code): \(error.message)")
        default:
            .failed("\(error.code): \(error.message)")
        }
    }

    /// Closes the connection to intake.
    public func shutdown() async {
        await client.shutdown()
    }
}

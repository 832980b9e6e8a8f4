import Domain
public import Logging
import Outbox
public import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// Delivers fired events to intake, which records them in the order's log (and answers
/// `recorded: false` for an event id it has seen).
public struct IntakeClockEventSink: ClockEventSink {
    private let client: RPCClient
    private let timeout: Duration

    /// A sink calling intake at `host:port`.
    public init(
        host: String, port: Int, timeout: Duration = .seconds(10), credentials: any CallCredentials, logger: Logger
    ) {
        self.client = RPCClient.peer(
            at: ServiceAddress(host: host, port: port), credentials: credentials, timeout: timeout, logger: logger)
        self.timeout = timeout
    }

    public func deliver(_ event: FiredEvent) async -> DeliveryOutcome {
        let request = Wire.RecordClockEventRequest(
            eventId: event.eventID,
            orderId: event.orderID,
            clockId: event.clockID,
            clockKind: event.clockKind.rawValue,
            event: event.event.name,
            dueUnixMs: event.due,
            firedUnixMs: event.fired,
            reminderNumber: UInt32(clamping: event.event.number),
            unit: event.unit,
            previousDueUnixMs: event.previousDue ?? 0,
            provisional: event.provisional
        )
        do {
            let response = try await client.call(
                Wire.Intake.recordClockEvent,
                request,
                timeout: timeout,
                traceID: event.eventID
            )
            return response.recorded ? .recorded : .duplicate
        } catch {
            return Self.outcome(of: error)
        }
    }

    /// What intake's refusal means, as every outbox reads an RPC error (`DeliveryResult.init`).
    static func outcome(of error: RPCError) -> DeliveryOutcome {
        switch DeliveryResult(error) {
        case .refused(let reason): .rejected(reason)
        case .unreachable(let reason): .unreachable(reason)
        case .failed(let reason), .delivered(note: let reason): .failed(reason)
        }
    }

    /// Closes the connection to intake.
    public func shutdown() async {
        await client.shutdown()
    }
}

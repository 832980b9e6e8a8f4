/// Where fired events go: intake's `intake.record_clock_event` in production
/// (`IntakeClockEventSink`), a recorder in tests, nothing in the benchmark.
///
/// The receiver must be idempotent on `FiredEvent.eventID`: after a crash between delivery and
/// bookkeeping an event is delivered again.
public protocol ClockEventSink: Sendable {
    /// Delivers one event and says what became of it; never throws, so that every outcome is
    /// stored and a failure retried.
    func deliver(_ event: FiredEvent) async -> DeliveryOutcome
}

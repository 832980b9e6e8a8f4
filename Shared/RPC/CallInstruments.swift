import CoreMetrics
import Synchronization
import WireProtocol

/// The swift-metrics instruments of one side's calls, built once per method (and status) and then
/// reused: building them per call asked the factory to look its handler up (a lock and a search
/// by label and dimensions there) and allocated two instruments and their dimensions every call.
/// Methods are few (registered ones, or one shared label), so the cache stays small.
final class CallInstruments: Sendable {
    private struct Instruments {
        var duration: CoreMetrics.Timer
        var calls: [StatusCode: Counter] = [:]
    }

    private let callsLabel: String
    private let durationLabel: String
    let factory: any MetricsFactory
    private let byMethod = Mutex<[String: Instruments]>([:])

    init(calls: String, duration: String, factory: any MetricsFactory) {
        self.callsLabel = calls
        self.durationLabel = duration
        self.factory = factory
    }

    /// Counts one call of `method` that ended with `status` and records its duration.
    func record(method: String, status: StatusCode, nanoseconds: Int64) {
        let (counter, duration) = byMethod.withLock { byMethod in
            var instruments =
                byMethod[method]
                ?? Instruments(
                    duration: CoreMetrics.Timer(
                        label: durationLabel, dimensions: [("method", method)], factory: factory))
            let counter =
                instruments.calls[status]
                ?? Counter(
                    label: callsLabel, dimensions: [("method", method), ("status", status.description)],
                    factory: factory)
            if instruments.calls[status] == nil {
                instruments.calls[status] = counter
                byMethod[method] = instruments
            }
            return (counter, instruments.duration)
        }
        counter.increment()
        duration.recordNanoseconds(max(0, nanoseconds))
    }
}

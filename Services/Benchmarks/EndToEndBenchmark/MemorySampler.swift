import Synchronization

/// Samples each service's proportional set size (PSS: its private pages plus its share of the
/// pages it shares, such as the Swift runtime and Foundation's libraries) while the load runs and
/// keeps the peak. Unlike the sum of the services' resident sizes, the sum of their PSS counts a
/// shared library once: the memory the services take from the machine together.
final class MemorySampler: Sendable {
    private let peaks = Mutex<[String: Double]>([:])

    /// Samples `processes` every `interval` until the task is cancelled.
    func run(_ processes: [LaunchedProcess], every interval: Duration = .milliseconds(250)) async {
        while !Task.isCancelled {
            for process in processes {
                guard let mebibytes = process.proportionalMiB else { continue }
                peaks.withLock { $0[process.name] = max($0[process.name] ?? 0, mebibytes) }
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// The highest PSS seen of each process, in MiB.
    var peakMiB: [String: Double] { peaks.withLock { $0 } }
}

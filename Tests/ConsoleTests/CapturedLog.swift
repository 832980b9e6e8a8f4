import Logging
import Synchronization

/// Every line a logger wrote, rendered with its metadata, so that a test can search them all for
/// what must never be logged. Each test makes its own; nothing is bootstrapped process-wide.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at `trace` that writes here: debug lines are searched too.
    func logger(label: String) -> Logger {
        Logger(label: label) { _ in Handler(log: self) }
    }

    var all: [String] { lines.withLock { $0 } }

    /// The lines that contain `text`.
    func lines(containing text: String) -> [String] {
        all.filter { $0.contains(text) }
    }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let error = event.error.map { " error=\(String(reflecting: $0))" } ?? ""
            log.append("\(event.level) \(event.message) \(rendered)\(error)")
        }
    }
}

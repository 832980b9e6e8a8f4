import Logging
import Synchronization

/// The entries a logger wrote, kept with their level and metadata so that a test asserts on them
/// field by field. Each test makes its own; nothing is bootstrapped process-wide.
final class LogCapture: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    /// A logger at `trace` that writes here.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    var all: [Entry] { entries.withLock { $0 } }

    func entries(_ message: String) -> [Entry] {
        all.filter { $0.message == message }
    }

    fileprivate func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.append(Entry(level: event.level, message: "\(event.message)", metadata: all.mapValues { "\($0)" }))
        }
    }
}

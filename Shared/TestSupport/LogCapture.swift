public import Logging
import Synchronization

/// The entries a logger wrote, kept with their level and metadata so that a test asserts on them
/// field by field, or searches their rendered lines for what must never be logged. Each test makes
/// its own; nothing is bootstrapped process-wide.
public final class LogCapture: Sendable {
    public struct Entry: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
        /// The whole entry as one line: level, message, metadata sorted by key, and the error.
        public var line: String
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    /// A logger at `trace` that writes here: debug lines are kept too.
    public func logger(label: String = "test") -> Logger {
        Logger(label: label) { _ in Handler(capture: self) }
    }

    public var all: [Entry] { entries.withLock { $0 } }

    /// Every entry rendered as its line.
    public var lines: [String] { all.map(\.line) }

    public func entries(_ message: String) -> [Entry] {
        all.filter { $0.message == message }
    }

    /// The lines that contain `text`.
    public func lines(containing text: String) -> [String] {
        lines.filter { $0.contains(text) }
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
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }.mapValues { "\($0)" }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let error = event.error.map { " error=\(String(reflecting: $0))" } ?? ""
            let line = "\(event.level) \(event.message) \(rendered)\(error)"
            capture.append(Entry(level: event.level, message: "\(event.message)", metadata: all, line: line))
        }
    }
}

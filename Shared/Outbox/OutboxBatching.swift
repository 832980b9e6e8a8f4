/// How a sender hands many due entries to a destination in one call, where the destination has a
/// method that takes many (SLA's `start_clocks`): under a burst, one call per entry leaves the
/// receiver one transaction, one fsync and one round trip per entry.
///
/// Only the first due entry of each ordering key joins a batch, so that an order's later entries
/// still wait for it; the rest of its key goes on one at a time after the batch. Each entry keeps
/// its own result: a refused entry is given up, a failed one retried, and neither touches the
/// others. Receivers stay idempotent per entry, so that a batch delivered again after a crash
/// between delivery and recording changes nothing.
public struct OutboxBatching<Entry: OutboxItem>: Sendable {
    /// The answer of a batch call.
    public enum Answer: Sendable {
        /// One result per entry, in the order given.
        case results([DeliveryResult])
        /// The destination has no batch method (an older version): each entry goes on its own.
        case unsupported
        /// The call as a whole did not go through: every entry of the batch gets this result.
        case failedAll(DeliveryResult)
    }

    /// Which entries may share a call: those with the same key (destination and method); `nil`
    /// for an entry that always goes alone.
    public var key: @Sendable (Entry) -> String?
    /// Entries per call at most.
    public var maximumSize: Int
    /// Fewer due entries of one key than this go one at a time.
    public var minimumSize: Int
    /// One call with `entries` (one key, at most one per ordering key).
    public var deliver: @Sendable ([Entry]) async -> Answer

    public init(
        maximumSize: Int = 256, minimumSize: Int = 2, key: @escaping @Sendable (Entry) -> String?,
        deliver: @escaping @Sendable ([Entry]) async -> Answer
    ) {
        precondition(maximumSize >= 1 && minimumSize >= 1)
        self.key = key
        self.maximumSize = maximumSize
        self.minimumSize = minimumSize
        self.deliver = deliver
    }

    /// The results of `answer` for `count` entries; a short or long list is the receiver's bug,
    /// and every entry is tried again rather than matched to another's result.
    static func results(of answer: Answer, count: Int) -> [DeliveryResult]? {
        switch answer {
        case .results(let results) where results.count == count:
            return results
        case .results(let results):
            return Array(
                repeating: .failed("the batch answered \(results.count) results for \(count) entries"), count: count)
        case .failedAll(let result):
            return Array(repeating: result, count: count)
        case .unsupported:
            return nil
        }
    }
}

/// The work of one round: lanes (the due entries of one ordering key, delivered one after another,
/// stopped at the first that is tried again) and batches (the first entries of many lanes that go
/// in one call, each followed by the rest of its lane). Pure, so that tests check the plan.
struct OutboxRound<Entry: OutboxItem>: Sendable {
    /// One call with many lane heads; `tails[i]` is what the lane of `entries[i]` holds after it.
    struct Batch: Sendable {
        var key: String
        var entries: [Entry]
        var tails: [[Entry]]
    }

    var lanes: [[Entry]] = []
    var batches: [Batch] = []

    /// Plans `due` (oldest first): an entry without an ordering key is a lane of its own. Heads of
    /// one batch key form batches of `batching.maximumSize` at most when there are at least
    /// `batching.minimumSize` of them and the key is not in `unbatched`.
    init(_ due: [Entry], batching: OutboxBatching<Entry>?, unbatched: Set<String> = []) {
        var lanes: [[Entry]] = []
        var laneOfKey: [String: Int] = [:]
        for entry in due {
            guard let key = entry.orderingKey else {
                lanes.append([entry])
                continue
            }
            let laneKey = entry.destination + "\u{1F}" + key
            if let lane = laneOfKey[laneKey] {
                lanes[lane].append(entry)
            } else {
                laneOfKey[laneKey] = lanes.count
                lanes.append([entry])
            }
        }
        guard let batching else {
            self.lanes = lanes
            return
        }
        var lanesOfBatchKey: [String: [Int]] = [:]
        var batchKeys: [String] = []
        for (index, lane) in lanes.enumerated() {
            guard let head = lane.first, let key = batching.key(head), !unbatched.contains(key) else { continue }
            if lanesOfBatchKey[key] == nil { batchKeys.append(key) }
            lanesOfBatchKey[key, default: []].append(index)
        }
        var batched: Set<Int> = []
        for key in batchKeys {
            guard let indices = lanesOfBatchKey[key], indices.count >= batching.minimumSize else { continue }
            var start = 0
            while start < indices.count {
                let chunk = indices[start..<min(start + batching.maximumSize, indices.count)]
                start += batching.maximumSize
                // What is left over of a key goes one at a time, as a key with few due entries does.
                guard chunk.count >= batching.minimumSize else { continue }
                batches.append(
                    Batch(
                        key: key, entries: chunk.compactMap { lanes[$0].first },
                        tails: chunk.map { Array(lanes[$0].dropFirst()) }))
                batched.formUnion(chunk)
            }
        }
        self.lanes = lanes.enumerated().filter { !batched.contains($0.offset) }.map(\.element)
    }
}

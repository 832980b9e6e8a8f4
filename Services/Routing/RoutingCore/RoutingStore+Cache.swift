import Synchronization

extension RoutingStore {
    /// The validated snapshot that routing decisions read, kept in memory: reading and validating
    /// the directory, the rules and the key enterprises costs about 2 ms of CPU, and they change
    /// only through this store's writes (an administrator's edit or import, the first start's
    /// seed), each of which drops it once committed.
    final class SnapshotCache: Sendable {
        private struct State {
            var snapshot: Snapshot?
            /// Counts the writes, so that a read that began before one never keeps what it read.
            var generation = 0
        }

        private let state = Mutex(State())

        /// The snapshot kept, or `load`'s, kept unless a write committed meanwhile.
        func snapshot(_ load: () async throws -> Snapshot) async throws -> Snapshot {
            let (kept, generation) = state.withLock { ($0.snapshot, $0.generation) }
            if let kept { return kept }
            let loaded = try await load()
            state.withLock { state in
                if state.generation == generation { state.snapshot = loaded }
            }
            return loaded
        }

        /// Called after a write committed: the next read loads again.
        func invalidate() {
            state.withLock { state in
                state.generation += 1
                state.snapshot = nil
            }
        }
    }
}

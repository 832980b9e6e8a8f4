import Synchronization

extension RoutingStore {
    /// The validated snapshot that routing decisions read, kept in memory: reading and validating
    /// the directory, the rules and the key enterprises costs about 2 ms of CPU, and they change
    /// only through this store's writes (an administrator's edit or import, the first start's
    /// seed), each of which loads it again once committed.
    final class SnapshotCache: Sendable {
        private struct State {
            var snapshot: Snapshot?
            /// Counts the writes, so that a read that began before one never keeps what it read.
            var generation = 0
            /// Whether a reload asked for by a decision that found no snapshot is under way.
            var reloadAsked = false
        }

        private let state = Mutex(State())

        /// The snapshot kept, if any: what `routing.route`, answered on the event loop where it
        /// cannot wait for a load, decides with.
        var kept: Snapshot? { state.withLock { $0.snapshot } }

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

        /// Called after a write committed: `load`'s snapshot replaces the kept one, unless a
        /// later write's reload got there first. Until then decisions use the one from before the
        /// write, as those that began before it committed would have; a failed load keeps none.
        func reload(_ load: () async throws -> Snapshot) async throws {
            let generation = state.withLock { state in
                state.generation += 1
                return state.generation
            }
            let loaded: Snapshot
            do {
                loaded = try await load()
            } catch {
                state.withLock { state in
                    if state.generation == generation { state.snapshot = nil }
                }
                throw error
            }
            state.withLock { state in
                if state.generation == generation { state.snapshot = loaded }
            }
        }

        /// Keeps `snapshot`, read before the service answers.
        func keep(_ snapshot: Snapshot) {
            state.withLock { $0.snapshot = snapshot }
        }

        /// Called after a write committed, where nothing can wait for a load: the next read loads again.
        func invalidate() {
            state.withLock { state in
                state.generation += 1
                state.snapshot = nil
            }
        }

        /// Whether the caller, a decision that found no snapshot, should start a reload: true for
        /// the first such caller until `reloadEnded()`, so that a burst of them starts one.
        func claimReload() -> Bool {
            state.withLock { state in
                defer { state.reloadAsked = true }
                return !state.reloadAsked
            }
        }

        func reloadEnded() {
            state.withLock { $0.reloadAsked = false }
        }
    }
}

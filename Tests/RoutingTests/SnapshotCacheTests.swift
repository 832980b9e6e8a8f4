import Domain
import TestSupport
import Testing

@testable import RoutingCore

/// Routing reads its validated directory once and again only after a write (issue 18).
@Suite("Routing: the snapshot kept in memory")
struct SnapshotCacheTests {
    static let snapshot = RoutingStore.Snapshot(
        directory: .shipped, rules: .shipped, keyEnterprises: KeyEnterpriseList([]))

    @Test("read once, again after a write, and never kept when a write committed during the read")
    func readsAgainOnlyAfterAWrite() async throws {
        let cache = RoutingStore.SnapshotCache()
        let loads = Collector<Int>()
        let load: @Sendable () async throws -> RoutingStore.Snapshot = {
            loads.append(1)
            return Self.snapshot
        }
        _ = try await cache.snapshot(load)
        _ = try await cache.snapshot(load)
        #expect(loads.items.count == 1)

        cache.invalidate()
        _ = try await cache.snapshot(load)
        #expect(loads.items.count == 2)

        cache.invalidate()
        // A write commits while this read is under way: what it read may be older, so it is not kept.
        _ = try await cache.snapshot {
            cache.invalidate()
            return try await load()
        }
        _ = try await cache.snapshot(load)
        #expect(loads.items.count == 4)
        _ = try await cache.snapshot(load)
        #expect(loads.items.count == 4)
    }
}

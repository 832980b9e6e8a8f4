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

    @Test(
        "a write's reload replaces the kept snapshot; an older reload that ends later does not, a failed one keeps none"
    )
    func reloadsReplaceAndFailuresKeepNone() async throws {
        let cache = RoutingStore.SnapshotCache()
        let edited = RoutingStore.Snapshot(
            directory: .shipped, rules: .shipped,
            keyEnterprises: KeyEnterpriseList([.init(name: "示例重点企业", creditCode: "91320000MA1XXXXX0X")]))
        cache.keep(Self.snapshot)
        #expect(cache.kept?.keyEnterprises.enterprises.isEmpty == true)

        // A first write's reload is overtaken by a second write's, which must win.
        try await cache.reload {
            try await cache.reload { edited }
            return Self.snapshot
        }
        #expect(cache.kept?.keyEnterprises.enterprises.count == 1)

        struct Unreadable: Error {}
        await #expect(throws: Unreadable.self) { try await cache.reload { throw Unreadable() } }
        #expect(cache.kept?.keyEnterprises == nil)
    }

    @Test func oneCallerAtATimeIsAskedToReload() {
        let cache = RoutingStore.SnapshotCache()
        #expect(cache.claimReload())
        #expect(!cache.claimReload())
        cache.reloadEnded()
        #expect(cache.claimReload())
    }
}

import GRDB
import Logging
import NIOCore
import Persistence
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import RoutingCore

/// `routing.route` is answered on the event loop from the snapshot kept in memory; with none kept
/// (its last read failed) it answers `unavailable`, which intake retries, and reads it again.
@Suite("routing.route without a snapshot kept")
struct RouteWithoutSnapshotTests {
    @Test func aDecisionWithoutASnapshotIsUnavailableAndReadsItAgain() async throws {
        let files = try RoutingTestService()
        defer { files.removeFiles() }
        let database = try ServiceDatabase.open(
            directory: files.directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? database.close() }
        let store = RoutingStore(database: database, logger: .quiet)
        try store.seedIfNeeded()
        let handlers = RoutingHandlers(store: store)
        let request = Wire.RouteOrderRequest(topic: "pension", kind: "help", urgency: "urgent", content: "养老金停发")
        let context = ServerContext(
            method: "routing.route", callID: 1, deadline: .now() + .seconds(10), traceID: TraceID.random(),
            logger: .quiet)

        #expect(store.cache.kept == nil)
        let refused = #expect(throws: RPCError.self) { try handlers.route(request, context) }
        #expect(refused?.code == .unavailable)

        #expect(try await eventually(within: 10) { store.cache.kept != nil })
        let decision = try handlers.route(request, context).decision
        #expect(decision?.units == ["pension_insurance_center"])
    }
}

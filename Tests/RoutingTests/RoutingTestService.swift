import Foundation
import GRDB
import Persistence
import RPC
import RoutingCore
import ServiceDirectory
import ServiceKit
import TestSupport

/// The routing service run in-process on a temporary database: a test gets a client, and the server, the
/// client and the database are always shut down, also when the test fails.
struct RoutingTestService {
    /// The folder of the database; removed by ``removeFiles()``.
    let directory: String

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("suban-routing-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func removeFiles() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Opens (or reopens: a restart) the database, serves the routing methods and calls `body` with a client.
    func run<Result: Sendable>(_ body: (RPCClient) async throws -> Result) async throws -> Result {
        let database = try ServiceDatabase.open(
            directory: directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? database.close() }
        let router = try RoutingService.router(
            database: database, gate: TestIdentity.service(.routing).gate, logger: .quiet
        ).router
        return try await withTestServer(router, service: "routing") { _, port in
            // An administrator editing the directory; intake asking for routes.
            let client = makeTestClient(
                port: port,
                credentials: TestIdentity.credentials(TestIdentity.administrator, serviceMethods: ["routing.route"])
            )
            do {
                let result = try await body(client)
                await client.shutdown()
                return result
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    /// Runs `body` on a fresh service and removes its files afterwards.
    static func with<Result: Sendable>(_ body: (RPCClient) async throws -> Result) async throws -> Result {
        let service = try RoutingTestService()
        defer { service.removeFiles() }
        return try await service.run(body)
    }
}

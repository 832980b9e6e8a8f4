import Foundation
import GRDB
import Logging
import Persistence
import PersonalData
import PlatformAdapter
import RPC
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// A fake intake that stores orders by number (idempotent like the real one) and applies any
/// action to an order it knows; it records every call so that tests can say "nothing reached it".
final class FakeIntake: Sendable {
    struct State {
        var orders: [String: String] = [:]
        var submits: [Wire.SubmitOrderRequest] = []
        var applies: [Wire.ApplyActionRequest] = []
        /// The platform's articles stored, by id, with their version.
        var articles: [String: UInt32] = [:]
        var accepts: [Wire.AcceptPlatformArticleRequest] = []
        var available = true
        var fault: Fault?
    }

    /// What the next submit or apply does instead of answering plainly: the ways intake can
    /// leave the gateway without a true answer. Used once.
    enum Fault: Sendable {
        /// Refuses with this error and stores nothing.
        case refuse(RPCError)
        /// Stores (or applies), then answers this error, as an intake failing on its way out would.
        case failAfterStoring(RPCError)
        /// Stores (or applies), opens `reached`, and answers only once `release` opens.
        case holdAfterStoring(reached: Gate, release: Gate)
    }

    let state = Mutex(State())

    var submits: [Wire.SubmitOrderRequest] { state.withLock { $0.submits } }
    var applies: [Wire.ApplyActionRequest] { state.withLock { $0.applies } }
    var accepts: [Wire.AcceptPlatformArticleRequest] { state.withLock { $0.accepts } }
    /// The order ids stored, by order number.
    var orders: [String: String] { state.withLock { $0.orders } }

    func setAvailable(_ available: Bool) { state.withLock { $0.available = available } }

    func injectFault(_ fault: Fault) { state.withLock { $0.fault = fault } }

    /// Takes the injected fault, if any: a refusal is thrown before anything is stored.
    private static func takeFault(_ state: inout State) throws -> Fault? {
        defer { state.fault = nil }
        if case .refuse(let error) = state.fault { throw error }
        return state.fault
    }

    private static func perform(_ fault: Fault?) async throws {
        switch fault {
        case .failAfterStoring(let error)?:
            throw error
        case .holdAfterStoring(let reached, let release)?:
            reached.open()
            await release.wait()
        case .refuse?, nil:
            break
        }
    }

    var router: RPCRouter {
        var router = RPCRouter()
        router.register("intake.submit") { (request: Wire.SubmitOrderRequest, _) -> Wire.SubmitOrderResponse in
            let (response, fault) = try self.state.withLock { state -> (Wire.SubmitOrderResponse, Fault?) in
                guard state.available else { throw RPCError(.unavailable, "intake is down in this test") }
                state.submits.append(request)
                let fault = try Self.takeFault(&state)
                let number = request.draft?.platformOrderNumber ?? ""
                if request.draft?.caller?.phone == GatewayFixture.phoneIntakeRefuses {
                    throw RPCError(
                        .invalidArgument, "the order is invalid",
                        fieldViolations: [
                            FieldViolation(
                                field: "draft.caller.phone", code: "invalid_format", message: "not a phone number")
                        ])
                }
                let created = state.orders[number] == nil
                let id = state.orders[number] ?? "WO-test-\(state.orders.count + 1)"
                state.orders[number] = id
                return (
                    Wire.SubmitOrderResponse(
                        order: Wire.WorkOrderView(id: id, platformOrderNumber: number, state: "assigned_pending_ack"),
                        created: created), fault
                )
            }
            try await Self.perform(fault)
            return response
        }
        router.register("intake.apply") { (request: Wire.ApplyActionRequest, _) -> Wire.ApplyActionResponse in
            let (response, fault) = try self.state.withLock { state -> (Wire.ApplyActionResponse, Fault?) in
                guard state.available else { throw RPCError(.unavailable, "intake is down in this test") }
                state.applies.append(request)
                let fault = try Self.takeFault(&state)
                let number = String(request.orderId.split(separator: ":").last ?? "")
                guard let id = state.orders[number] else { throw RPCError(.notFound, "no order \(request.orderId)") }
                return (
                    Wire.ApplyActionResponse(
                        order: Wire.WorkOrderView(id: id, platformOrderNumber: number, state: "awaiting_callback")),
                    fault
                )
            }
            try await Self.perform(fault)
            return response
        }
        router.register("intake.kb_accept") {
            (request: Wire.AcceptPlatformArticleRequest, _) -> Wire.AcceptPlatformArticleResponse in
            try self.state.withLock { state in
                guard state.available else { throw RPCError(.unavailable, "intake is down in this test") }
                state.accepts.append(request)
                var article = request.article ?? Wire.Article()
                let stored = state.articles[article.id]
                if let stored, stored >= article.version {
                    return Wire.AcceptPlatformArticleResponse(article: article, status: "duplicate")
                }
                if request.retired, stored == nil { throw RPCError(.notFound, "no article \(article.id) from 12345") }
                state.articles[article.id] = article.version
                article.id = "12345:" + article.id
                article.source = "12345"
                return Wire.AcceptPlatformArticleResponse(
                    article: article, status: request.retired ? "retired" : "accepted")
            }
        }
        return router
    }
}

/// The gateway's parts on a temporary database, its HTTP server on 127.0.0.1:0, with a fake
/// intake, a fake routing directory and a fake console's accounts; always shut down, also when the
/// test fails.
struct GatewayFixture {
    static let platformKey = "platform-test"
    static let platformSecret = "platform-secret-0123456789"
    static let hotlineKey = "hotline-12333"
    static let hotlineSecret = "hotline-secret-0123456789"
    static let outboundKey = "bureau-test"
    static let outboundSecret = "bureau-secret-0123456789"

    /// A well-formed phone that the fake intake refuses, as the real one refuses what it finds wrong.
    static let phoneIntakeRefuses = "13900000000"

    static let units = [Wire.Unit(code: "employment_office", name: "就业办", level: "unit", active: true)]

    /// The people of ``units``, as the console's accounts.
    static let accounts = [
        Wire.Account(
            login: "qian.ju", name: "钱局长", email: "deputy@bureau.example.cn", roles: ["deputy_leader"],
            unit: "employment_office"),
        Wire.Account(
            login: "zhao.zhuren", name: "赵主任", email: "head@employment.example.cn", roles: ["unit_leader"],
            unit: "employment_office"),
        Wire.Account(
            login: "li.lianluo", name: "李联络", email: "liaison@employment.example.cn", roles: ["liaison"],
            unit: "employment_office"),
    ]

    /// A console answering `console.contacts` from `accounts`, filtered as the real one does.
    static func console(_ accounts: [Wire.Account] = accounts) -> RPCRouter {
        var router = RPCRouter()
        router.register("console.contacts") { (request: Wire.ContactsRequest, _) in
            Wire.ContactsResponse(
                accounts: accounts.filter { $0.unit == request.unit && !Set($0.roles).isDisjoint(with: request.roles) })
        }
        return router
    }

    let httpPort: Int
    let database: DatabasePool
    let handlers: GatewayHandlers
    let intake: FakeIntake
    let attempts: AsyncStream<(GatewayOutbox.Destination, Int64, Bool)>
    /// The gateway's personal-data key ring, sealing the inbox's bodies.
    let personalData: PersonalDataKeys
    /// The folder of the gateway's database files.
    let directory: String
    let client = HTTPPostClient()

    var inboxStore: Inbox { Inbox(database: database, personalData: personalData) }

    var endpoint: HTTPEndpoint { HTTPEndpoint(host: "127.0.0.1", port: httpPort) }

    static func run(
        _ configure: (inout GatewayConfiguration) -> Void = { _ in },
        intakeClient: (Int) -> RPCClient = { makeTestClient(port: $0) },
        console: RPCRouter = console(),
        _ body: (GatewayFixture) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-gateway-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(
            directory: directory, name: "gateway", migrations: GatewayMigrations.all)
        let intake = FakeIntake()
        var routing = RPCRouter()
        routing.register("routing.list_units") { (_: Wire.ListUnitsRequest, _) in Wire.ListUnitsResponse(units: units) }
        var configuration = GatewayConfiguration()
        configuration.httpPort = 0
        configuration.platformKeys = PlatformCredentials([platformKey: platformSecret])
        configuration.hotline12333Keys = PlatformCredentials([hotlineKey: hotlineSecret])
        configuration.outboundKey = outboundKey
        configuration.outboundSecret = outboundSecret
        configuration.retryInitialMilliseconds = 20
        configuration.retryMaximumMilliseconds = 100
        configure(&configuration)
        let finalConfiguration = configuration
        let personalData = PersonalDataKeys.generate()
        try await withTestServer(intake.router) { _, intakePort in
            try await withTestServer(routing) { _, routingPort in
                try await withTestServer(console) { _, consolePort in
                    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
                    let (attempts, attemptContinuation) = AsyncStream.makeStream(
                        of: (GatewayOutbox.Destination, Int64, Bool).self)
                    let parts = try GatewayService.assemble(
                        database: database, configuration: finalConfiguration, personalData: personalData,
                        intake: intakeClient(intakePort),
                        routing: makeTestClient(port: routingPort), console: makeTestClient(port: consolePort),
                        logger: .quiet,
                        onAttempt: { attemptContinuation.yield(($0, $1, $2)) },
                        onListening: { _, port in portContinuation.yield(port) }
                    )
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for service in parts.background { group.addTask { try await service.run() } }
                        defer { group.cancelAll() }
                        var iterator = ports.makeAsyncIterator()
                        let port = try #require(await iterator.next())
                        try await body(
                            GatewayFixture(
                                httpPort: port, database: database, handlers: parts.handlers, intake: intake,
                                attempts: attempts,
                                personalData: personalData, directory: directory
                            )
                        )
                    }
                }
            }
        }
    }

    /// POSTs `body` signed with `key`/`secret`; `timestamp` and `nonce` default to now and fresh.
    func post(
        _ path: String, _ body: [UInt8], key: String = platformKey, secret: String = platformSecret,
        timestamp: Int64? = nil, nonce: String? = nil
    ) async throws -> (status: Int, json: JSONValue) {
        let response = try await send(path, body, key: key, secret: secret, timestamp: timestamp, nonce: nonce)
        return (response.status, JSONValue.parse(response.body) ?? .null)
    }

    /// POSTs `body` signed, as `post` does, and returns the whole response, headers included.
    func send(
        _ path: String, _ body: [UInt8], key: String = platformKey, secret: String = platformSecret,
        timestamp: Int64? = nil, nonce: String? = nil
    ) async throws -> HTTPPostClient.Response {
        let signature = PlatformSignature.sign(
            method: "POST", target: path, appKey: key, secret: secret,
            timestamp: timestamp ?? Int64(Date().timeIntervalSince1970), nonce: nonce ?? PlatformSignature.makeNonce(),
            body: body)
        return try await client.post(to: endpoint, target: path, headers: signature.headers, body: body)
    }

    func post(_ path: String, json: JSONValue, key: String = platformKey, secret: String = platformSecret) async throws
        -> (status: Int, json: JSONValue)
    {
        try await post(path, json.encoded(), key: key, secret: secret)
    }

    func postRaw(_ path: String, _ body: [UInt8], headers: [(name: String, value: String)]) async throws -> (
        status: Int, json: JSONValue
    ) {
        let response = try await client.post(to: endpoint, target: path, headers: headers, body: body)
        return (response.status, JSONValue.parse(response.body) ?? .null)
    }

    /// The inbox's records, oldest first: verification and outcome.
    func inbox() throws -> [(verification: String, outcome: String, status: Int)] {
        try inboxRows().map { ($0.verification, $0.outcome, $0.status) }
    }

    /// The inbox's records, oldest first, with what they name.
    func inboxRows() throws -> [(
        verification: String, outcome: String, status: Int, orderNumber: String?, orderID: String?
    )] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT verification, outcome, http_status, order_number, order_id FROM inbox ORDER BY id"
            ).map {
                ($0["verification"], $0["outcome"], $0["http_status"], $0["order_number"], $0["order_id"])
            }
        }
    }

    static func order(_ number: String, urgency: JSONValue = "urgent") -> JSONValue {
        [
            "order_no": .string(number), "urgency": urgency, "kind": "complaint", "topic": "wage_arrears",
            "content": "来电人反映在湖滨区某建筑工地务工，被拖欠三个月工资。", "address": "三门峡市湖滨区",
            "caller": ["name": "张三", "phone": "13812345678"], "dispatched_at": "2026-11-27T09:30:00+08:00",
            "deadline": "2026-12-10T23:59:59+08:00",
        ]
    }
}

extension JSONValue {
    /// The `error.code` of an error answer.
    var errorCode: String? { self["error"]?["code"]?.stringValue }
    /// The `field` of each `error.fields` entry.
    var errorFields: [String] { self["error"]?["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [] }
}

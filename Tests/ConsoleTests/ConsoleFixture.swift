import ConsoleCore
import Crypto
import Domain
import Foundation
import GRDB
import Identity
import Logging
import NIOCore
import Persistence
import RPC
import ServiceDirectory
import ServiceKit
import Synchronization
import TestSupport
import WireProtocol

/// A time that moves only when the test says so: idle limits, absolute limits and lockouts are
/// tested by advancing it, never by waiting.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// 2026-12-07 09:00 in Beijing, a Monday morning.
    init(_ start: Date = Date(timeIntervalSince1970: 1_796_605_200)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: Int) {
        current.withLock { $0 += TimeInterval(seconds) }
    }
}

/// The console run in-process on a temporary database, with its own issuer key, a clock of the
/// test's and a logger whose every line is kept. The server, the client and the database are
/// always shut down and the files removed, also when the test fails.
struct ConsoleFixture: Sendable {
    /// Cheap hashing: the cost is the service's to choose, the tests check behaviour.
    static let configuration = ConsoleConfiguration(bcryptCost: 4)

    let client: RPCClient
    let database: DatabasePool
    let clock: TestClock
    let log: LogCapture
    /// The key the console signs credentials with, and the verifier that trusts it.
    let verifier: CredentialVerifier
    /// The console's issuer, for credentials signed at the real time (the gate of `console.contacts` reads the real clock).
    let issuer: CredentialIssuer
    /// Another service's issuer, trusted for `system`, for `console.contacts`.
    let intake: CredentialIssuer

    /// Runs `body` against a fresh console configured with `configuration`.
    static func with<Result: Sendable>(
        configuration: ConsoleConfiguration = Self.configuration,
        _ body: (ConsoleFixture) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-console-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(
            directory: directory, name: "console", migrations: ConsoleService.migrations)
        defer { try? database.close() }

        let consoleKey = Curve25519.Signing.PrivateKey()
        let consoleIssuer = try CredentialIssuer(id: "console", privateKey: consoleKey)
        let intakeKey = Curve25519.Signing.PrivateKey()
        let intake = try CredentialIssuer(id: "intake", privateKey: intakeKey)
        let trusted = TrustedIssuers([
            TrustedIssuers.Issuer(id: "console", publicKey: consoleKey.publicKey, allowedRoles: .staff),
            TrustedIssuers.Issuer(id: "intake", publicKey: intakeKey.publicKey, allowedRoles: [.system]),
        ])
        let identity = ServiceIdentity(issuer: consoleIssuer, trustedIssuers: trusted)
        let clock = TestClock()
        let log = LogCapture()
        let router = ConsoleService.router(
            database: database, configuration: configuration, identity: identity, now: { clock.now })
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "console", version: "test"),
            router: router,
            logger: log.logger(label: "suban.console")
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            let port = try await server.listeningAddress.port!
            let client = makeTestClient(port: port)
            let fixture = ConsoleFixture(
                client: client, database: database, clock: clock, log: log,
                verifier: CredentialVerifier(trustedIssuers: trusted), issuer: consoleIssuer, intake: intake
            )
            do {
                let result = try await body(fixture)
                await client.shutdown()
                return result
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    // MARK: Calls

    /// Calls `method` as the holder of `session` (no session header when nil).
    func call<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ request: Request,
        session: String?,
        as response: Response.Type = Response.self
    ) async throws(RPCError) -> Response {
        let headers = session.map { [Header(name: Header.session, value: $0)] } ?? []
        return try await client.call(method, request, as: response, headers: headers)
    }

    /// The error of a call that must fail.
    func refusal<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ request: Request,
        session: String?,
        as response: Response.Type = Response.self
    ) async -> RPCError? {
        do {
            _ = try await call(method, request, session: session, as: response)
            return nil
        } catch {
            return error
        }
    }

    func signIn(_ login: String, _ password: String, client: String = "tests") async throws(RPCError)
        -> Wire.SignInResponse
    {
        try await call(
            "console.sign_in", Wire.SignInRequest(login: login, password: password, client: client), session: nil)
    }

    /// The first administrator, made as `suban-console bootstrap-admin` makes it; returns its one-time password.
    func bootstrapAdministrator(login: String = "admin", name: String = "管理员") async throws -> String {
        try await AdministratorBootstrap.createFirstAdministrator(
            .init(login: login, name: name), database: database, bcryptCost: Self.configuration.bcryptCost,
            now: clock.now
        ).oneTimePassword
    }

    /// An administrator signed in with a password of their own; returns the session token.
    func administratorSession(password: String = "admin password 1") async throws -> String {
        let oneTime = try await bootstrapAdministrator()
        let token = try await signIn("admin", oneTime).sessionToken
        let _: Wire.ChangePasswordResponse = try await call(
            "console.change_password", Wire.ChangePasswordRequest(currentPassword: oneTime, newPassword: password),
            session: token
        )
        return token
    }

    /// Creates an account as the administrator of `adminSession`; returns its one-time password.
    @discardableResult
    func createAccount(_ account: Wire.Account, adminSession: String) async throws -> String {
        let response: Wire.CreateAccountResponse = try await call(
            "console.create_account", Wire.CreateAccountRequest(account: account), session: adminSession
        )
        return response.oneTimePassword
    }

    /// An account created by the administrator, signed in with its own password; returns the session token.
    func staffSession(_ account: Wire.Account, password: String, adminSession: String) async throws -> String {
        let oneTime = try await createAccount(account, adminSession: adminSession)
        let token = try await signIn(account.login, oneTime).sessionToken
        let _: Wire.ChangePasswordResponse = try await call(
            "console.change_password", Wire.ChangePasswordRequest(currentPassword: oneTime, newPassword: password),
            session: token
        )
        return token
    }

    func events(login: String, adminSession: String) async throws -> [Wire.AccountEvent] {
        let response: Wire.ListAccountEventsResponse = try await call(
            "console.list_account_events", Wire.ListAccountEventsRequest(login: login), session: adminSession
        )
        return response.events
    }

    /// Every password hash and token digest in the database, for the leak checks.
    func storedSecrets() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT password_hash FROM account")
                + String.fetchAll(db, sql: "SELECT token_sha256 FROM session")
        }
    }

    static let liaison = Wire.Account(
        login: "li.wei", name: "李伟", phone: "13800000000", email: "li.wei@rsj.example.cn", roles: ["liaison"],
        unit: "employment_office"
    )
}

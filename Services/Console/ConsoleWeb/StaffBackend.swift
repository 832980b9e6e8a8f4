import Foundation
public import Logging
public import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// What the pages ask of Suban, always as the signed-in person: the console's own methods called
/// in-process (the same checks as over the wire), the other services over RPC with a credential
/// the console issues to that person's session for each call.
public struct StaffBackend: Sendable {
    let console: RPCRouter
    let intake: RPCClient
    let sla: RPCClient
    let routing: RPCClient
    let coordination: RPCClient
    let logger: Logger

    public init(
        console: RPCRouter, intake: RPCClient, sla: RPCClient, routing: RPCClient, coordination: RPCClient,
        logger: Logger
    ) {
        self.console = console
        self.intake = intake
        self.sla = sla
        self.routing = routing
        self.coordination = coordination
        self.logger = logger
    }

    /// Clients of intake, SLA, routing and coordination at the addresses `variables` give
    /// (`SUBAN_<PEER>_HOST/PORT`).
    public init(console: RPCRouter, variables: [String: String], logger: Logger) throws {
        func client(_ service: ServiceName) throws -> RPCClient {
            try RPCClient.peer(service, variables: variables, logger: logger)
        }
        self.init(
            console: console, intake: try client(.intake), sla: try client(.sla), routing: try client(.routing),
            coordination: try client(.coordination), logger: logger)
    }

    func signIn(login: String, password: String, client: String) async throws(RPCError) -> Wire.SignInResponse {
        try await console.call(
            Wire.Console.signIn, Wire.SignInRequest(login: login, password: password, client: client), logger: logger)
    }

    func whoAmI(session: String) async throws(RPCError) -> Wire.WhoAmIResponse {
        try await console.call(
            Wire.Console.whoami, Wire.WhoAmIRequest(), headers: Self.headers(session), logger: logger)
    }

    func signOut(session: String) async throws(RPCError) {
        let _: Wire.SignOutResponse = try await console.call(
            Wire.Console.signOut, Wire.SignOutRequest(), headers: Self.headers(session), logger: logger)
    }

    func changePassword(session: String, current: String, new: String) async throws(RPCError) {
        let _: Wire.ChangePasswordResponse = try await console.call(
            Wire.Console.changePassword, Wire.ChangePasswordRequest(currentPassword: current, newPassword: new),
            headers: Self.headers(session), logger: logger
        )
    }

    /// Calls the console's own `method` as `session`'s account (the administrators' methods check the role).
    func callConsole<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor<Request, Response>, _ request: Request, session: String
    ) async throws(RPCError) -> Response {
        try await console.call(method, request, headers: Self.headers(session), logger: logger)
    }

    /// Calls `method` of the service behind `client` with a credential of `session`'s account.
    func call<Request: WireMessage, Response: WireMessage>(
        _ client: RPCClient,
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request,
        session: String
    ) async throws(RPCError) -> Response {
        let credential: Wire.IssueCredentialResponse = try await console.call(
            Wire.Console.issueCredential, Wire.IssueCredentialRequest(), headers: Self.headers(session), logger: logger)
        return try await client.call(
            method, request, headers: [Header(name: Header.credential, value: credential.token)])
    }

    func shutdown() async {
        await intake.shutdown()
        await sla.shutdown()
        await routing.shutdown()
        await coordination.shutdown()
    }

    static func headers(_ session: String) -> [Header] {
        [Header(name: Header.session, value: session)]
    }
}

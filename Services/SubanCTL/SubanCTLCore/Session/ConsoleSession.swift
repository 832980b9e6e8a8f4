public import Foundation
public import RPC
public import WireProtocol

/// The signed-in person's session, as the credentials of subanctl's calls to the other services.
///
/// Each call gets a credential of its own from `console.issue_credential`: the services accept a
/// person's credential for one call only, so one is never kept for the next. Attach it to a client:
///
///     let console = RPCClient(configuration: …, logger: …)   // the console's address
///     guard let session = try ConsoleSession.load(console: console) else { throw ConsoleSession.notSignedIn }
///     let intake = RPCClient(configuration: …, logger: …, credentials: session)
public struct ConsoleSession: CallCredentials {
    /// What a call is refused with when nobody is signed in, or the session has ended.
    public static let notSignedIn = RPCError(.unauthenticated, "not signed in: run subanctl login")

    let token: String
    let console: RPCClient

    init(token: String, console: RPCClient) {
        self.token = token
        self.console = console
    }

    /// The session kept by `subanctl login` (see `SessionFile` for where), to be checked with the
    /// console reached by `console`; nil when nobody is signed in. Throws when the session file
    /// cannot be read or may be read by others.
    public static func load(
        console: RPCClient,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConsoleSession? {
        try SessionFile(environment: environment).load().map { ConsoleSession(token: $0, console: console) }
    }

    /// A fresh credential for the call, as the `credential` header. An ended session is
    /// `notSignedIn`; an account still on its one-time password is refused by the console with
    /// `failed_precondition` and the advice to run `subanctl passwd`.
    public func headers(for method: String) async throws(RPCError) -> [Header] {
        do throws(RPCError) {
            let response = try await console.call(
                Wire.Console.issueCredential, Wire.IssueCredentialRequest(),
                headers: [Header(name: Header.session, value: token)]
            )
            return [Header(name: Header.credential, value: response.token)]
        } catch  where error.code == .unauthenticated {
            throw Self.notSignedIn
        } catch  where error.code == .unavailable || error.code == .deadlineExceeded {
            // Said as the console's trouble: the call never left for the service it was meant for.
            throw RPCError(
                .unauthenticated,
                "no credential for this call: the console at \(console.configuration.host):\(console.configuration.port) does not answer (\(error.message))"
            )
        }
    }
}

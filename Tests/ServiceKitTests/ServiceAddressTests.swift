import Logging
import RPC
import ServiceDirectory
import TestSupport
import Testing
import WireProtocol

/// Where a service is: what its variables say, what `--address` parses, and a peer client that
/// does not wait for a peer that is down.
@Suite("Service address", .timeLimit(.minutes(1)))
struct ServiceAddressTests {
    @Test func theVariablesOfTheServiceGiveItsAddress() throws {
        #expect(try ServiceAddress(of: .sla, environment: [:]) == ServiceAddress(host: "127.0.0.1", port: 7404))
        let environment = ["SUBAN_SLA_HOST": "sla.internal", "SUBAN_SLA_PORT": "9000", "SUBAN_INTAKE_PORT": "1"]
        #expect(
            try ServiceAddress(of: .sla, environment: environment) == ServiceAddress(host: "sla.internal", port: 9000))
    }

    @Test func aBadPortOrAnEmptyHostNamesTheVariable() {
        #expect(
            throws: ServiceConfigurationError(
                variable: "SUBAN_ROUTING_PORT", value: "70000", expected: "an integer in 0...65535")
        ) {
            try ServiceAddress(of: .routing, environment: ["SUBAN_ROUTING_PORT": "70000"])
        }
        #expect(
            throws: ServiceConfigurationError(
                variable: "SUBAN_ROUTING_HOST", value: "", expected: "a host name or address")
        ) {
            try ServiceAddress(of: .routing, environment: ["SUBAN_ROUTING_HOST": ""])
        }
    }

    @Test(arguments: [
        ("db.internal:7402", ServiceAddress(host: "db.internal", port: 7402)),
        ("[::1]:80", ServiceAddress(host: "[::1]", port: 80)),
    ])
    func hostAndPortParse(_ text: String, _ expected: ServiceAddress) {
        #expect(ServiceAddress(parsing: text) == expected)
    }

    @Test(arguments: ["db.internal", ":7402", "db:0", "db:65536", "db:x"])
    func malformedAddressesDoNotParse(_ text: String) {
        #expect(ServiceAddress(parsing: text) == nil)
    }

    @Test func aPeerThatIsDownFailsTheCallAtOnce() async throws {
        // A port nothing listens on, below the ephemeral range: one from port 0 could be bound again
        // by another test's server, or become a connection's source port, before the call.
        let port = try await SystemTestPorts.free()
        let client = RPCClient.peer(
            at: ServiceAddress(host: "127.0.0.1", port: port), timeout: .seconds(120),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let error = await #expect(throws: RPCError.self) {
            _ = try await client.call("health", HealthRequest(), as: HealthResponse.self)
        }
        #expect(error?.code == .unavailable, "refused at once, not waited out for two minutes")
        await client.shutdown()
    }
}

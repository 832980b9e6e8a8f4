import Logging
import ServiceDirectory
import ServiceKit
import ServiceMetrics
import Testing

@Suite("Service environment")
struct ServiceEnvironmentTests {
    @Test func defaultsAreDocumentedValues() throws {
        let environment = try ServiceEnvironment(service: .intake, environment: [:])
        #expect(environment.host == "127.0.0.1")
        #expect(environment.port == 7402)
        #expect(environment.dataDirectory == "./var")
        #expect(environment.maximumFrameLength == 4 << 20)
        #expect(environment.logLevel == .info)
        #expect(environment.rpcIdleTimeout == .seconds(300))
        #expect(environment.rpcMaximumCallsInFlight == 256)
    }

    @Test func rpcIdleTimeoutAndCallLimitAreReadPerService() throws {
        let environment = try ServiceEnvironment(
            service: .sla,
            environment: [
                "SUBAN_SLA_RPC_IDLE_TIMEOUT_SECONDS": "0", "SUBAN_SLA_RPC_MAX_CALLS_IN_FLIGHT": "8",
                "SUBAN_INTAKE_RPC_MAX_CALLS_IN_FLIGHT": "1",
            ]
        )
        #expect(environment.rpcIdleTimeout == nil)
        #expect(environment.rpcMaximumCallsInFlight == 8)
        #expect(environment.effectiveConfiguration.contains("SUBAN_SLA_RPC_IDLE_TIMEOUT_SECONDS=0"))
        #expect(environment.effectiveConfiguration.contains("SUBAN_SLA_RPC_MAX_CALLS_IN_FLIGHT=8"))
    }

    @Test func variablesOverrideDefaults() throws {
        let environment = try ServiceEnvironment(
            service: .sla,
            environment: [
                "SUBAN_SLA_HOST": "0.0.0.0", "SUBAN_SLA_PORT": "0", "SUBAN_DATA_DIR": "/data",
                "SUBAN_MAX_FRAME_BYTES": "65536", "SUBAN_LOG_LEVEL": "debug", "SUBAN_INTAKE_PORT": "1",
            ]
        )
        #expect(environment.host == "0.0.0.0")
        #expect(environment.port == 0)
        #expect(environment.dataDirectory == "/data")
        #expect(environment.maximumFrameLength == 65536)
        #expect(environment.logLevel == .debug)
        #expect(environment.effectiveConfiguration.contains("SUBAN_SLA_PORT=0"))
    }

    @Test func metricsListenBesideTheRPCPortUnlessTurnedOff() throws {
        let standard = try ServiceEnvironment(service: .intake, environment: ["SUBAN_INTAKE_HOST": "0.0.0.0"])
        #expect(standard.metrics == MetricsServer.Configuration(host: "0.0.0.0", port: 7422))
        #expect(standard.effectiveConfiguration.contains("SUBAN_INTAKE_METRICS_PORT=7422"))

        // A service on a free RPC port (tests, several at once) gets a free metrics port too.
        let ephemeral = try ServiceEnvironment(service: .sla, environment: ["SUBAN_SLA_PORT": "0"])
        #expect(ephemeral.metrics == MetricsServer.Configuration(host: "127.0.0.1", port: 0))

        let chosen = try ServiceEnvironment(
            service: .sla, environment: ["SUBAN_SLA_METRICS_PORT": "9100", "SUBAN_SLA_METRICS_HOST": "10.0.0.5"]
        )
        #expect(chosen.metrics == MetricsServer.Configuration(host: "10.0.0.5", port: 9100))

        let off = try ServiceEnvironment(service: .console, environment: ["SUBAN_CONSOLE_METRICS_PORT": "off"])
        #expect(off.metrics == nil)
        #expect(off.effectiveConfiguration.contains("SUBAN_CONSOLE_METRICS_PORT=off"))
    }

    @Test(arguments: [
        ("SUBAN_ROUTING_PORT", "http"),
        ("SUBAN_ROUTING_PORT", "70000"),
        ("SUBAN_ROUTING_PORT", "-1"),
        ("SUBAN_ROUTING_HOST", ""),
        ("SUBAN_DATA_DIR", ""),
        ("SUBAN_MAX_FRAME_BYTES", "12"),
        ("SUBAN_LOG_LEVEL", "loud"),
        ("SUBAN_ROUTING_RPC_IDLE_TIMEOUT_SECONDS", "-1"),
        ("SUBAN_ROUTING_RPC_IDLE_TIMEOUT_SECONDS", "forever"),
        ("SUBAN_ROUTING_RPC_MAX_CALLS_IN_FLIGHT", "0"),
        ("SUBAN_ROUTING_METRICS_PORT", "on"),
        ("SUBAN_ROUTING_METRICS_PORT", "65536"),
        ("SUBAN_ROUTING_METRICS_HOST", ""),
    ])
    func badValuesAreRefusedNamingTheVariable(variable: String, value: String) {
        let error = #expect(throws: ServiceEnvironment.ConfigurationError.self) {
            _ = try ServiceEnvironment(service: .routing, environment: [variable: value])
        }
        #expect(error?.variable == variable)
        #expect(error?.description.contains(variable) == true)
    }
}

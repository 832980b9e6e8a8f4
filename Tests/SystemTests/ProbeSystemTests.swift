import Foundation
import TestSupport
import Testing

/// The real executables, started as processes on 127.0.0.1 with free ports and a temporary data
/// folder, probed by the real `subanctl`.
@Suite("System: six services and subanctl probe")
struct ProbeSystemTests {
    static let services = ["gateway", "intake", "routing", "sla", "coordination", "console"]

    static func withAllServices(_ body: ([String: Int], String) async throws -> Void) async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-system-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        var running: [String: ServiceProcess] = [:]
        do {
            for service in services {
                running[service] = try await ServiceProcess.launch(
                    "suban-\(service)",
                    environment: ["SUBAN_\(service.uppercased())_PORT": "0", "SUBAN_DATA_DIR": dataDirectory]
                )
            }
            try await body(running.mapValues(\.port), dataDirectory)
        } catch {
            for process in running.values { await process.stop() }
            throw error
        }
        for (service, process) in running {
            let status = await process.stop()
            #expect(status == 0, "\(service) did not shut down cleanly on SIGTERM")
        }
    }

    static func addressArguments(_ ports: [String: Int]) -> [String] {
        ports.sorted { $0.key < $1.key }.flatMap { ["--address", "\($0.key)=127.0.0.1:\($0.value)"] }
    }

    @Test func probeShowsSixServingServices() async throws {
        try await Self.withAllServices { ports, dataDirectory in
            let table = try await runCommand("subanctl", ["probe"] + Self.addressArguments(ports))
            #expect(table.status == 0, "\(table.standardError)")
            let rows = table.standardOutput.split(separator: "\n").dropFirst()
            #expect(rows.count == Self.services.count)
            #expect(rows.allSatisfy { $0.contains("serving") })

            let json = try await runCommand("subanctl", ["probe", "--output", "json"] + Self.addressArguments(ports))
            #expect(json.status == 0)
            let objects = try #require(
                JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
            #expect(Set(objects.compactMap { $0["service"] as? String }) == Set(Self.services))
            #expect(objects.allSatisfy { $0["status"] as? String == "serving" && $0["version"] as? String == "0.1.0" })
            for service in Self.services {
                #expect(FileManager.default.fileExists(atPath: "\(dataDirectory)/\(service).sqlite"))
            }
        }
    }

    @Test func probeOfAStoppedServiceExitsNonZeroWithOneLineWhy() async throws {
        // A port below the ephemeral range: another test's server on port 0 cannot be handed it
        // between the stop and the probe.
        let port = try await SystemTestPorts.free()
        let sla = try await ServiceProcess.launch(
            "suban-sla",
            environment: [
                "SUBAN_SLA_PORT": "\(port)",
                "SUBAN_DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("suban-probe-\(UUID())")
                    .path,
            ])
        #expect(sla.port == port)
        #expect(await sla.stop() == 0)
        let result = try await runCommand("subanctl", ["probe", "sla", "--address", "sla=127.0.0.1:\(port)"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("unreachable"))
        let reasons = result.standardError.split(separator: "\n")
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("sla: unreachable at 127.0.0.1:\(port)") == true)
    }

    @Test(arguments: [
        ["probe", "--address", "nowhere"],
        ["probe", "--address", "intake=127.0.0.1:99999"],
        ["probe", "postgres"],
        ["probe", "--output", "xml"],
        ["probe", "--timeout-ms", "0"],
    ])
    func badArgumentsAreOneClearLineAndNonZero(arguments: [String]) async throws {
        let result = try await runCommand("subanctl", arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains("Error:"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func serviceRefusesBadConfigurationWithAClearError() async throws {
        let result = try await runCommand("suban-intake", [], environment: ["SUBAN_INTAKE_PORT": "eighty"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("SUBAN_INTAKE_PORT=\"eighty\" is invalid"))
    }
}

import Foundation
import TestSupport
import Testing

/// Callers' personal data at rest with real processes: the intake's folder and files are its
/// account's only, the caller is not in its files in clear, and a rotated key ring is used at
/// the next start while the phone still finds the order.
@Suite("System: personal data at rest", .serialized)
struct PersonalDataSystemTests {
    static let phone = "13987654321"
    static let idNumber = "11010519491231002X"

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    func databaseBytes(_ dataDirectory: String) throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal"]
        where FileManager.default.fileExists(atPath: "\(dataDirectory)/intake.sqlite\(suffix)") {
            bytes += try Data(contentsOf: URL(fileURLWithPath: "\(dataDirectory)/intake.sqlite\(suffix)"))
        }
        return bytes
    }

    @Test func theIntakeKeepsItsCallersSealedInFilesOfItsOwnAndRotatesItsKey() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-personal-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        // As an older version left it: open to everyone on the machine.
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
        var intake = try await OrderLifecycleSystemTests.launchIntake(
            dataDirectory: dataDirectory, routingPort: routing.port)
        var services = OrderLifecycleSystemTests.Services(
            intake: intake, routing: routing, dataDirectory: dataDirectory)
        do {
            let filed = try await services.json([
                "file", "--number", "12333-PD-1", "--kind", "complaint", "--topic", "pension", "--content", "养老金未按时发放",
                "--caller-name", "李四", "--caller-phone", Self.phone, "--caller-id", Self.idNumber,
            ])
            let id = try #require((filed["order"] as? [String: Any])?["id"] as? String)

            #expect(try mode(dataDirectory) == 0o700)
            for file in ["intake.sqlite", "intake.sqlite-wal", "keys/intake-personal-data.json"] {
                #expect(try mode("\(dataDirectory)/\(file)") == 0o600, "\(file)")
            }
            await intake.stop()
            let files = try databaseBytes(dataDirectory)
            for secret in [Self.phone, "李四", Self.idNumber] {
                #expect(files.range(of: Data(secret.utf8)) == nil, "\(secret) is in intake's files in clear")
            }

            let rotated = try await runCommand(
                "suban-intake", ["personal-data-key", "rotate"], environment: ["SUBAN_DATA_DIR": dataDirectory])
            #expect(rotated.status == 0, "\(rotated.standardError)")
            #expect(rotated.standardOutput.contains("k2 is now the current personal-data key"))
            let refused = try await runCommand(
                "suban-routing", ["personal-data-key", "rotate"], environment: ["SUBAN_DATA_DIR": dataDirectory])
            #expect(
                refused.status == 2 && refused.standardError.contains("the commands are public-key"),
                "routing keeps no personal data")

            intake = try await OrderLifecycleSystemTests.launchIntake(
                dataDirectory: dataDirectory, routingPort: routing.port)
            services.intake = intake
            let found = try await services.json(["list", "--text", Self.phone])
            #expect(
                (found["orders"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id],
                "the phone finds its order after rotation")
            await intake.stop()
            let resealed = String(decoding: try databaseBytes(dataDirectory), as: UTF8.self)
            #expect(resealed.contains("pd1:k2:"), "the order is sealed under the new key at start")
        } catch {
            await intake.stop()
            await routing.stop()
            throw error
        }
        await routing.stop()
    }
}

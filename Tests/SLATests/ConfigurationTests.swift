import Domain
import Foundation
import Outbox
import SLACore
import TestSupport
import Testing

/// The policy file: named by `SUBAN_SLA_POLICY_FILE`, documented in Services/SLA/README.md.
@Suite("SLA configuration")
struct ConfigurationTests {
    @Test func withoutAFileTheShippedProfileIsUsed() throws {
        let configuration = try SLAConfiguration(environment: [:])
        #expect(configuration.policies == .shippedDefault)
        #expect(configuration.policyFile == nil)
        #expect(configuration.effectiveConfiguration.contains("SUBAN_INTAKE_PORT=7402"))
        #expect(configuration.effectiveConfiguration.contains("SLA_POLICY_PROFILE=suban-default"))
    }

    @Test func aFileReplacesTheProfileAndABadOneIsRefusedNamingTheField() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.json")
        let shipped = String(decoding: try DeadlinePolicySet.shippedDefault.jsonBytes(), as: UTF8.self)
        try Data(shipped.replacingOccurrences(of: "suban-default", with: "county").utf8).write(to: good)
        let configuration = try SLAConfiguration(environment: [
            "SUBAN_SLA_POLICY_FILE": good.path, "SUBAN_INTAKE_PORT": "9402",
        ])
        #expect(configuration.policies.profile == "county")
        #expect(configuration.effectiveConfiguration.contains("SUBAN_INTAKE_PORT=9402"))
        #expect(configuration.effectiveConfiguration.contains("SUBAN_SLA_POLICY_FILE=\(good.path)"))

        let bad = folder.appendingPathComponent("bad.json")
        try Data(shipped.replacingOccurrences(of: "\"minutes\" : 30", with: "\"minutes\" : 0").utf8).write(to: bad)
        let error = #expect(throws: SLAConfiguration.ConfigurationError.self) {
            try SLAConfiguration(environment: ["SUBAN_SLA_POLICY_FILE": bad.path])
        }
        #expect(error?.description.contains("policies[0].due.minutes") == true, "\(String(describing: error))")
        #expect(throws: SLAConfiguration.ConfigurationError.self) {
            try SLAConfiguration(environment: [
                "SUBAN_SLA_POLICY_FILE": folder.appendingPathComponent("missing.json").path
            ])
        }
    }

    /// The README's copy of the shipped profile is the shipped profile.
    @Test func theDocumentedProfileIsTheShippedOne() throws {
        let readme = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/SLA/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let documented = try DeadlinePolicySet.decode(jsonBytes: Data(text[start.upperBound..<end.lowerBound].utf8))
        #expect(documented == .shippedDefault)
    }
}

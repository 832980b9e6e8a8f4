import Foundation
import PersonalData
import Testing

@Suite struct PersonalDataKeyFileTests {
    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-personal-data-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func theFileIsCreatedOnFirstUseWithMode0600AndRotatedInPlace() throws {
        try withFolder { folder in
            let source = PersonalDataKeys.Source(
                prefix: "SUBAN_INTAKE_", service: "intake", dataDirectory: folder, environment: [:])
            #expect(source == .file(folder + "/keys/intake-personal-data.json"))
            let created = try PersonalDataKeys.load(from: source, environment: [:])
            #expect(try mode(folder + "/keys/intake-personal-data.json") == 0o600)
            #expect(try mode(folder + "/keys") == 0o700)
            let sealed = try created.seal("张三", context: "c")
            #expect(try PersonalDataKeys.load(from: source, environment: [:]).open(sealed, context: "c") == "张三")

            let rotated = try PersonalDataKeys.rotate(file: folder + "/keys/intake-personal-data.json")
            #expect(rotated.currentID == "k2")
            let reloaded = try PersonalDataKeys.load(from: source, environment: [:])
            #expect(reloaded.currentID == "k2")
            #expect(try reloaded.open(sealed, context: "c") == "张三")
            #expect(try mode(folder + "/keys/intake-personal-data.json") == 0o600)
            #expect(!FileManager.default.fileExists(atPath: folder + "/keys/intake-personal-data.json.new"))
        }
    }

    @Test func aFileOthersMayReadIsRefusedAndNamed() throws {
        try withFolder { folder in
            let path = folder + "/keys.json"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(
                FileManager.default.createFile(
                    atPath: path, contents: Data(PersonalDataKeys.generate().json.utf8),
                    attributes: [.posixPermissions: 0o644]))
            let error = #expect(throws: PersonalDataKeys.Problem.self) {
                try PersonalDataKeys.load(from: .file(path), environment: [:])
            }
            #expect(error?.description.contains("mode 0644") == true)
            #expect(error?.description.contains("chmod 600 \(path)") == true)
        }
    }

    @Test func aRingGivenAsAVariableIsUsedAndItsSourceShowsNoKey() throws {
        let keys = PersonalDataKeys.generate()
        let environment = ["SUBAN_GATEWAY_PERSONAL_DATA_KEYS": keys.json]
        let source = PersonalDataKeys.Source(
            prefix: "SUBAN_GATEWAY_", service: "gateway", dataDirectory: "/nowhere", environment: environment)
        #expect(source == .variable("SUBAN_GATEWAY_PERSONAL_DATA_KEYS"))
        let loaded = try PersonalDataKeys.load(from: source, environment: environment)
        #expect(try loaded.open(keys.seal("x", context: "c"), context: "c") == "x")
        let line = loaded.configurationLine(prefix: "SUBAN_GATEWAY_", source: source)
        #expect(line == "SUBAN_GATEWAY_PERSONAL_DATA_KEYS=SUBAN_GATEWAY_PERSONAL_DATA_KEYS (set) current=k1 keys=k1")
        #expect(!line.contains(String(keys.json.dropFirst(30).prefix(12))))
    }
}

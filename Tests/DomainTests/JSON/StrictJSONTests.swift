import Domain
import Foundation
import Testing

/// The strict-JSON helpers every typed-by-people file shares: unknown fields found, paths named.
@Suite struct StrictJSONTests {
    /// An object that knows `name` and `items`, each item knowing only `value`.
    struct Strict: Decodable {
        struct Item: Decodable {
            init(from decoder: any Decoder) throws {
                try StrictJSONTests.refuseUnknown(in: decoder, allowed: ["value"])
            }
        }

        var items: [Item]

        enum CodingKeys: String, CodingKey { case name, items }

        init(from decoder: any Decoder) throws {
            try StrictJSONTests.refuseUnknown(in: decoder, allowed: ["name", "items"])
            items = try decoder.container(keyedBy: CodingKeys.self).decode([Item].self, forKey: .items)
        }
    }

    struct Unknown: Error, Equatable {
        var field: StrictJSON.UnknownField
    }

    static func refuseUnknown(in decoder: any Decoder, allowed: [String]) throws {
        if let unknown = try StrictJSON.unknownField(in: decoder, allowed: allowed) { throw Unknown(field: unknown) }
    }

    static func decode(_ json: String) throws -> Strict {
        try JSONDecoder().decode(Strict.self, from: Data(json.utf8))
    }

    @Test func anUnknownFieldIsNamedWithItsPath() {
        #expect(throws: Unknown(field: StrictJSON.UnknownField(name: "valu", path: "items[1].valu"))) {
            try Self.decode(#"{"name": "x", "items": [{"value": 1}, {"valu": 2, "value": 3}]}"#)
        }
    }

    @Test func theFirstUnknownFieldInNameOrderIsNamed() {
        #expect(throws: Unknown(field: StrictJSON.UnknownField(name: "b", path: "b"))) {
            try Self.decode(#"{"items": [], "c": 1, "b": 2}"#)
        }
    }

    @Test func knownFieldsPass() throws {
        #expect(try Self.decode(#"{"items": [{"value": 1}]}"#).items.count == 1)
    }

    @Test func decodingFailuresNameTheirPath() throws {
        let missing = try #require(Self.decodingError(#"{"name": "x"}"#))
        #expect(StrictJSON.failure(of: missing).path == "items")
        #expect(StrictJSON.failure(of: missing).detail == "missing field")
        let notJSON = try #require(Self.decodingError("{"))
        #expect(StrictJSON.failure(of: notJSON).path == "")
    }

    @Test func pathsWriteIndicesInBrackets() {
        let path: [any CodingKey] = [
            StrictJSON.AnyKey(stringValue: "rules"), StrictJSON.AnyKey(intValue: 3),
            StrictJSON.AnyKey(stringValue: "units"), StrictJSON.AnyKey(intValue: 1),
        ]
        #expect(StrictJSON.path(path) == "rules[3].units[1]")
        #expect(StrictJSON.path([]) == "")
    }

    static func decodingError(_ json: String) -> DecodingError? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return error as? DecodingError
        }
    }
}

import Domain
public import Foundation

extension AssessmentReport {
    /// The report as JSON: keys sorted, instants in Beijing time (`2026-03-31T23:59:59+08:00`);
    /// indented for people, compact for the wire.
    public func jsonData(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ShanghaiTime.iso8601(date))
        }
        return try encoder.encode(self)
    }

    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a report written by ``jsonData()`` of this version.
    public static func decode(json: Data) throws -> AssessmentReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ShanghaiTime.parseISO8601(text) else {
                throw DecodingError(description: "not an ISO 8601 instant: \(text)")
            }
            return date
        }
        let report = try decoder.decode(AssessmentReport.self, from: json)
        guard report.version == currentVersion else {
            throw DecodingError(description: "report version \(report.version); this build reads \(currentVersion)")
        }
        return report
    }
}

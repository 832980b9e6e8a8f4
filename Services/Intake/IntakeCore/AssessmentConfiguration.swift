import Assessment
import Foundation
import ServiceDirectory
import ServiceKit

/// The assessment's configuration, from the environment:
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_ASSESSMENT_SCHEME_FILE` | the shipped scheme | points scheme JSON (docs/assessment.md) |
/// | `SUBAN_ASSESSMENT_KEYWORDS_FILE` | the shipped list | hot-spot keywords, one a line |
/// | `SUBAN_DIGEST_TIME` | `08:00` | Beijing time of the daily digest, or `off` |
struct AssessmentConfiguration: Sendable {
    var scheme = PointsScheme.shipped
    var rules = AssessmentRules()
    /// Minutes after local midnight; `nil` when the digest is off.
    var digestMinute: Int? = 8 * 60

    init(variables: [String: String]) throws {
        if let path = variables["SUBAN_ASSESSMENT_SCHEME_FILE"] {
            do {
                scheme = try PointsScheme.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ServiceEnvironment.ConfigurationError(
                    variable: "SUBAN_ASSESSMENT_SCHEME_FILE", value: path,
                    expected: "a readable points scheme: \(error)")
            }
        }
        if let path = variables["SUBAN_ASSESSMENT_KEYWORDS_FILE"] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ServiceEnvironment.ConfigurationError(
                    variable: "SUBAN_ASSESSMENT_KEYWORDS_FILE", value: path, expected: "a readable UTF-8 file")
            }
            let keywords = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard !keywords.isEmpty else {
                throw ServiceEnvironment.ConfigurationError(
                    variable: "SUBAN_ASSESSMENT_KEYWORDS_FILE", value: path, expected: "at least one keyword")
            }
            rules.keywords = keywords
        }
        if let time = variables["SUBAN_DIGEST_TIME"] {
            digestMinute = try Self.minute(of: time)
        }
    }

    static func minute(of time: String) throws -> Int? {
        if time == "off" { return nil }
        let parts = time.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else {
            throw ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_DIGEST_TIME", value: time, expected: "HH:MM (Beijing time) or off")
        }
        return hour * 60 + minute
    }
}

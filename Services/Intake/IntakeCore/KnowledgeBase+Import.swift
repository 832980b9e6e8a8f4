import Domain
import Foundation
import RPC
import WireProtocol

extension KnowledgeBase {
    /// Reads articles from a CSV file (header `question,answer,policy_basis,tags,valid_from,valid_to`,
    /// optional `id`; tags separated by `|`) or a JSON array of objects with the same keys.
    static func parseImport(_ content: [UInt8], format: String) throws -> [Entry] {
        guard let text = String(validating: content, as: UTF8.self) else {
            throw RPCError(
                .invalidArgument, "the file is not UTF-8",
                fieldViolations: [FieldViolation(field: "content", code: "not_utf8", message: "the file is not UTF-8")])
        }
        switch format {
        case "csv":
            let table: CSVTable
            do {
                table = try CSVTable(text)
            } catch {
                throw RPCError(
                    .invalidArgument, "CSV: \(error)",
                    fieldViolations: [FieldViolation(field: "content", code: "malformed_csv", message: "\(error)")])
            }
            for required in ["question", "answer"] where !table.header.contains(required) {
                throw RPCError(
                    .invalidArgument, "CSV header lacks \(required)",
                    fieldViolations: [
                        FieldViolation(
                            field: "content", code: "missing_column", message: "the header needs a \(required) column")
                    ])
            }
            return table.rows.map { row in
                Entry(
                    id: table.value("id", in: row.fields),
                    question: table.value("question", in: row.fields),
                    answer: table.value("answer", in: row.fields),
                    policyBasis: table.value("policy_basis", in: row.fields),
                    tags: table.value("tags", in: row.fields).split(separator: "|").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty },
                    validFrom: table.value("valid_from", in: row.fields),
                    validTo: table.value("valid_to", in: row.fields)
                )
            }
        case "json":
            do {
                return try JSONDecoder().decode([LenientEntry].self, from: Data(text.utf8)).map(\.entry)
            } catch {
                throw RPCError(
                    .invalidArgument, "JSON: \(error)",
                    fieldViolations: [
                        FieldViolation(
                            field: "content", code: "malformed_json", message: "expected an array of articles")
                    ])
            }
        default:
            throw RPCError(
                .invalidArgument, "unknown format \(format)",
                fieldViolations: [
                    FieldViolation(field: "format", code: "unknown", message: "format must be csv or json")
                ])
        }
    }

    /// An article in an import file, where only the question and answer are required.
    private struct LenientEntry: Decodable {
        var entry: Entry

        enum CodingKeys: String, CodingKey {
            case id, question, answer, tags
            case policyBasis = "policy_basis"
            case validFrom = "valid_from"
            case validTo = "valid_to"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            entry = Entry(
                id: try container.decodeIfPresent(String.self, forKey: .id) ?? "",
                question: try container.decode(String.self, forKey: .question),
                answer: try container.decode(String.self, forKey: .answer),
                policyBasis: try container.decodeIfPresent(String.self, forKey: .policyBasis) ?? "",
                tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? [],
                validFrom: try container.decodeIfPresent(String.self, forKey: .validFrom) ?? "",
                validTo: try container.decodeIfPresent(String.self, forKey: .validTo) ?? ""
            )
        }
    }
}

import ArgumentParser
import Foundation
import ReportRendering
import ServiceDirectory
import WireProtocol

/// `subanctl kb`: the shared knowledge base of the 12333 and 12345 lines.
struct KnowledgeBaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Add, retire, search and import knowledge-base articles (the 12345 platform's are read-only).",
        subcommands: [Add.self, Retire.self, Search.self, Import.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or replace an article.")
        @Option(help: "Keep empty for a new article.") var id = ""
        @Option var question: String
        @Option var answer: String
        @Option(name: .customLong("basis"), help: "The policy it rests on.") var policyBasis = ""
        @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
        @Option(name: .customLong("valid-from"), help: "YYYY-MM-DD") var validFrom = ""
        @Option(name: .customLong("valid-to"), help: "YYYY-MM-DD") var validTo = ""
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let article = Wire.Article(
                id: id, question: question, answer: answer, policyBasis: policyBasis, tags: tags, validFrom: validFrom,
                validTo: validTo)
            let response = try await service.call(.intake, Wire.Intake.kbAdd, Wire.AddArticleRequest(article: article))
            print("stored \(response.article?.id ?? "") version \(response.article?.version ?? 0)")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Retire one of the bureau's articles: it answers nothing from now on, and the 12345 platform is told.")
        @Argument(help: "The article id (KB-…).") var id: String
        @Option(help: "Why, for the edit log.") var reason = ""
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let response = try await service.call(
                .intake, Wire.Intake.kbRetire, Wire.RetireArticleRequest(id: id, reason: reason))
            print("retired \(response.article?.id ?? id) version \(response.article?.version ?? 0)")
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search articles valid today (or on --on).")
        @Argument(help: "Words or a question, in Chinese.") var query: String
        @Option(help: "YYYY-MM-DD") var on = ""
        @Option var limit = 10
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            let request = Wire.SearchArticlesRequest(query: query, limit: UInt32(max(1, min(limit, 100))), onDate: on)
            let response = try await service.call(.intake, Wire.Intake.kbSearch, request)
            switch service.output {
            case .json:
                print(
                    try OrderPrinter.json(
                        response.hits.map {
                            [
                                "id": $0.article?.id ?? "", "source": $0.article?.source ?? "",
                                "version": Int($0.article?.version ?? 0),
                                "question": $0.article?.question ?? "", "answer": $0.article?.answer ?? "",
                                "score": $0.score,
                            ]
                        }))
            case .table:
                var table = TextTable(["ID", "SOURCE", "SCORE", "QUESTION"])
                for hit in response.hits {
                    table.append([
                        hit.article?.id ?? "", hit.article?.source ?? "", String(format: "%.2f", hit.score),
                        hit.article?.question ?? "",
                    ])
                }
                print(table.render())
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import articles from a CSV or JSON file; all or nothing.")
        @Argument(help: "The file (.csv or .json).") var file: String
        @OptionGroup var service: ServiceCallOptions

        func run() async throws {
            guard let content = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let format = file.lowercased().hasSuffix(".json") ? "json" : "csv"
            let response = try await service.call(
                .intake, Wire.Intake.kbImport, Wire.ImportArticlesRequest(content: [UInt8](content), format: format))
            print("imported \(response.imported) articles")
        }
    }
}

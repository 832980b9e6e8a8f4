import Foundation
import Testing

@testable import Charts

/// The stylesheet a frame serves for an embedded report styles the report only.
@Suite("Scoped stylesheet")
struct ScopedStylesheetTests {
    @Test func everySelectorStartsWithTheScope() {
        let css = HTMLPage.scopedStylesheet(under: ".report")
        var selectors: [String] = []
        for line in css.split(separator: "\n") where line.contains("{") && !line.hasPrefix("@media") {
            let prelude = line.prefix { $0 != "{" }
            selectors += prelude.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(selectors.count > 40)
        #expect(
            selectors.allSatisfy { $0 == ".report" || $0.hasPrefix(".report ") },
            "\(selectors.filter { !$0.hasPrefix(".report") })")
        #expect(!css.contains("@page"))
        #expect(css.contains("@media (max-width: 640px)"))
        #expect(css.filter { $0 == "{" }.count == css.filter { $0 == "}" }.count)
    }

    @Test func documentRulesApplyToTheScopeElement() {
        let css = HTMLPage.scoped(
            ":root { --a: 1; }\nbody, p { margin: 0; }\n@media print { @page { size: A4; } h2 { x: y; } }", under: "#r")
        #expect(css == "#r { --a: 1; }\n#r, #r p { margin: 0; }\n@media print {\n#r h2 { x: y; }\n}\n")
    }

    @Test func theSectionsAreThePageWithoutItsFrame() {
        let page = SamplePage.page
        #expect(!page.sectionsHTML.isEmpty)
        #expect(page.render().contains(page.sectionsHTML))
        #expect(!page.sectionsHTML.contains("<style") && !page.sectionsHTML.contains("<h1"))
    }
}

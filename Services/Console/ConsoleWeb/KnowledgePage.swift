import WireProtocol

/// 知识库: search the shared knowledge base in Chinese and read its answers.
enum KnowledgePage {
    static func page(staff: SignedInStaff, query: String, hits: [Wire.ArticleHit]?, flash: Flash?) -> HTML {
        var results: [HTML] = []
        for hit in hits ?? [] {
            let article = hit.article ?? Wire.Article()
            let basis: HTML = article.policyBasis.isEmpty ? .empty : "<p class=\"muted\">依据：\(article.policyBasis)</p>"
            // The platform's articles are shared read-only; staff must see whose an answer is.
            let source: HTML = article.source == "12345" ? "来源：12345 平台（只读）" : "来源：本局"
            results.append(
                """
                <article class="kb-result"><h2>\(article.question)</h2><p class="content">\(article.answer)</p>\(basis)\
                <p class="muted">\(article.id) · \(source)\(article.tags.isEmpty ? "" : " · " + article.tags.joined(separator: "、"))</p></article>
                """
            )
        }
        let outcome: HTML
        if hits == nil {
            outcome = "<p class=\"muted\">输入关键词，例如：工资、养老、退休。</p>"
        } else if results.isEmpty {
            outcome = "<p class=\"muted\">没有找到与“\(query)”相关的条目。</p>"
        } else {
            outcome = "\(results)"
        }
        let body: HTML = """
            <h1>知识库</h1>
            <form method="get" action="/kb" class="filters" role="search">
            \(FormControls.input("q", label: "关键词", type: "search", value: query, required: true))
            <button type="submit" class="primary">搜索</button></form>
            \(outcome)
            """
        return PageLayout.page(title: "知识库", staff: staff, flash: flash, body: body)
    }
}

extension RoutingRuleSet {
    /// The whole words of an order's content, which keywords must equal. The content is cut by
    /// forward maximum matching against the set's keywords and ``terms``: a keyword inside a longer
    /// term is no match (灵活就业 in 灵活就业人员养老保险), and one inside text no rule names still
    /// is (失业 in 失业保险金). Runs of ASCII letters and digits are words of their own, lower-cased.
    public func words(of content: String) -> Set<String> {
        let vocabulary = Set(rules.flatMap(\.keywords).map { $0.lowercased() } + terms.map { $0.lowercased() })
        return Set(SubjectTerms(content, vocabulary: vocabulary).terms.lazy.filter { $0.weight == 1 }.map(\.text))
    }

    /// A term is a phrase (not blank, at most ``maximumKeywordLength``), listed once, and holds a
    /// keyword of the set: a term that holds none would change nothing.
    func validateTerms() throws(FieldError) {
        let keywords = rules.flatMap(\.keywords).map { $0.lowercased() }
        var seen = Set<String>()
        for (index, term) in terms.enumerated() {
            let field = "terms[\(index)]"
            if WorkOrder.isBlank(term) { throw FieldError(field: field, code: .required, message: "a term is blank") }
            if term.count > Self.maximumKeywordLength {
                throw FieldError(
                    field: field, code: .tooLong, message: "a term exceeds \(Self.maximumKeywordLength) characters")
            }
            guard seen.insert(term.lowercased()).inserted else {
                throw FieldError(
                    field: field, code: RoutingFieldCode.duplicate, message: "term \(term) is listed twice")
            }
            guard keywords.contains(where: { term.lowercased().contains($0) && term.lowercased() != $0 }) else {
                throw FieldError(
                    field: field, code: RoutingFieldCode.notAllowed,
                    message: "term \(term) holds no keyword of the rules, so it would change nothing"
                )
            }
        }
    }
}

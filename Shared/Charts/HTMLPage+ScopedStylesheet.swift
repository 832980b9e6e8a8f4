extension HTMLPage {
    /// The page's stylesheet confined to the elements under `scope` (a selector such as
    /// `.report`), for a page that embeds ``sectionsHTML`` in a frame of its own and may not carry
    /// inline styles (a `style-src 'self'` policy): served as a file, it styles the report and
    /// nothing of the frame around it. The document rules (`:root`, `html`, `body`) apply to the
    /// scope element itself; `@page` is left to the frame.
    public static func scopedStylesheet(under scope: String) -> String {
        scoped(stylesheet, under: scope)
    }

    /// Rewrites the rules of `css` (our own stylesheet: rules and `@media` blocks, no comments or
    /// strings holding braces) so that every selector starts with `scope`.
    static func scoped(_ css: String, under scope: String) -> String {
        var output = ""
        var rest = Substring(css)
        while let open = rest.firstIndex(of: "{") {
            let prelude = rest[..<open].trimmed
            guard let close = matchingBrace(in: rest, from: open) else { break }
            let block = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if prelude.hasPrefix("@media") {
                output += prelude + " {\n" + scoped(String(block), under: scope) + "}\n"
            } else if prelude.hasPrefix("@") {
                continue  // @page and the like belong to the whole document
            } else {
                let selectors = prelude.split(separator: ",").map { selector -> String in
                    let name = selector.trimmed
                    return [":root", "html", "body"].contains(name) ? scope : scope + " " + name
                }
                let declarations = block.trimmed
                output += selectors.joined(separator: ", ") + " { " + declarations + " }\n"
            }
        }
        return output
    }

    private static func matchingBrace(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            switch text[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }
}

extension StringProtocol {
    /// Without the white space around it (the module does without Foundation).
    fileprivate var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

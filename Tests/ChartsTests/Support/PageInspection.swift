/// Pulls pieces out of rendered HTML for assertions.
enum PageInspection {
    /// Every `<svg …>…</svg>` element of `html`, in order. Charts never nest SVGs, so the first
    /// closing tag after an opening one ends it.
    static func svgMarkups(in html: String) -> [String] {
        var markups: [String] = []
        var rest = html[...]
        while let open = rest.firstRange(of: "<svg"), let close = rest[open.upperBound...].firstRange(of: "</svg>") {
            markups.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return markups
    }

    /// Every `scheme://…` URL in `text`, in order, up to the first quote, space or angle bracket.
    static func urls(in text: String) -> [String] {
        text.matches(of: /[A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\s"'<>()]*/).map { String($0.output) }
    }

    /// How often `needle` occurs in `text`.
    static func count(of needle: String, in text: String) -> Int {
        text.ranges(of: needle).count
    }
}

import Charts

/// A piece of a page. Interpolated `String`s are escaped, interpolated `HTML` is kept as it is, so
/// text from the public (an order's content, a caller's name) can only ever reach a page as text.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var rendered: String

    init(stringLiteral literal: String) {
        rendered = literal
    }

    init(stringInterpolation: Interpolation) {
        rendered = stringInterpolation.rendered
    }

    static let empty: HTML = ""

    struct Interpolation: StringInterpolationProtocol {
        var rendered = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            rendered += literal
        }

        mutating func appendInterpolation(_ text: String) {
            Escaping.append(text, to: &rendered)
        }

        mutating func appendInterpolation(_ number: some BinaryInteger) {
            rendered += String(number)
        }

        mutating func appendInterpolation(_ html: HTML) {
            rendered += html.rendered
        }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { rendered += part.rendered }
        }
    }
}

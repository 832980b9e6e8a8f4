import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG (or any XML) parsed with Foundation's `XMLParser` into a tree, so that tests can check
/// geometry on the real markup rather than on the chart code's internals.
struct SVGDocument {
    /// One element with its attributes, children and text.
    struct Element {
        var name: String
        var attributes: [String: String]
        var children: [Element] = []
        var text = ""

        /// The attribute read as a number, e.g. a rect's `width`.
        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

        /// The class names of the element.
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

        /// The text of the element's `<title>` child: its tooltip.
        var title: String? { children.first { $0.name == "title" }?.text }

        /// This element and all below it, depth first in document order.
        var descendants: [Element] { [self] + children.flatMap(\.descendants) }
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    let root: Element

    /// Parses `markup`; throws with the parser's line and column when it is not well-formed XML.
    init(_ markup: String) throws {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw ParseError(description: "line \(parser.lineNumber) column \(parser.columnNumber): \(reason)")
        }
        self.root = root
    }

    /// All elements with the class `name`, in document order.
    func elements(withClass name: String) -> [Element] {
        root.descendants.filter { $0.classes.contains(name) }
    }

    /// All elements called `name`, in document order.
    func elements(named name: String) -> [Element] {
        root.descendants.filter { $0.name == name }
    }

    /// The one element with class `name`; records an issue when there is not exactly one.
    func single(withClass name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Element {
        let found = elements(withClass: name)
        try #require(found.count == 1, "expected one .\(name), found \(found.count)", sourceLocation: sourceLocation)
        return found[0]
    }

    /// Collects the parser's events into `Element`s: a stack of open elements.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let element = stack.removeLast()
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}

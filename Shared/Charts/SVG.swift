/// A finished chart: standalone SVG markup (with its own `xmlns`, `viewBox`, `role="img"` and
/// `aria-label`) that an ``HTMLPage`` embeds inline.
///
/// Only the chart types in this module make one, so every piece of text inside is escaped and the
/// markup never carries scripts or links.
public struct SVG: Sendable, Hashable {
    /// The `<svg>…</svg>` element, a well-formed XML document on its own.
    public let markup: String
}

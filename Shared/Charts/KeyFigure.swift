/// A big-number tile: what is measured, the figure itself, and an optional line of context.
///
/// ```swift
/// KeyFigure(label: "全市平均分", value: "846.2", note: "较上月 +3.1", tone: .good)
/// ```
public struct KeyFigure: Sendable, Hashable {
    /// What the figure is, e.g. "全市平均分".
    public var label: String
    /// The figure as it should read, formatted by the caller (units, signs, decimals).
    public var value: String
    /// A short line under the figure, e.g. the change against last month.
    public var note: String?
    /// Colours the tile's accent and figure; good and bad are also spoken to screen readers.
    public var tone: Tone

    /// A tile showing `value` under `label`.
    public init(label: String, value: String, note: String? = nil, tone: Tone = .neutral) {
        self.label = label
        self.value = value
        self.note = note
        self.tone = tone
    }

    /// One tile of the figures grid: a group inside the grid's `<dl>`.
    var html: String {
        var html = "<div class=\"figure tone-\(tone.rawValue)\">"
        html += "<dt>" + Escaping.text(label) + "</dt>"
        html += "<dd class=\"figure-value\">" + Escaping.text(value) + HTMLPage.spokenHint(tone) + "</dd>"
        if let note { html += "<dd class=\"figure-note\">" + Escaping.text(note) + "</dd>" }
        return html + "</div>"
    }
}

/// The colours of the charts: the Okabe–Ito palette, chosen because its eight colours stay
/// distinguishable with the common kinds of colour blindness, plus grey for "other" and axes.
enum Palette {
    /// Series and segment colours, in the order they are handed out. Yellow comes last because it
    /// is the faintest on white.
    static let series = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#D55E00",  // vermillion
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#000000",  // black
        "#F0E442",  // yellow
    ]
    static let other = "#8F98A3"

    static let ink = "#1F2933"
    static let muted = "#5F6B7A"
    static let grid = "#E4E7EB"
    static let axis = "#9AA5B1"
    static let reference = "#B3261E"

    /// The colour for series or segment number `index`; past the eighth the colours repeat, and
    /// the line chart tells repeats apart by dashing them.
    static func series(_ index: Int) -> String { series[index % series.count] }

    /// Bar fills per tone.
    static func fill(for tone: Tone) -> String {
        switch tone {
        case .good: "#009E73"
        case .bad: "#D55E00"
        case .neutral: "#0072B2"
        }
    }
}

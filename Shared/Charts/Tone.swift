/// How a figure, bar or table cell should be read: good news, bad news, or neither.
///
/// The page shows tones in colour (bluish green and vermillion from the Okabe–Ito palette, which
/// stay apart for colour-blind readers) and, where colour is the only cue, also in text for screen
/// readers.
public enum Tone: String, Sendable, Hashable, CaseIterable {
    case good
    case bad
    case neutral

    /// The words a screen reader announces for the tone; empty for neutral.
    var spokenHint: String {
        switch self {
        case .good: "良好"
        case .bad: "需关注"
        case .neutral: ""
        }
    }
}

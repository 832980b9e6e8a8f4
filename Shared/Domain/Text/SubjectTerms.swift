/// The subject words of a Chinese text: what a question or a call is about, with the asking and
/// talking left out. No word segmenter is at hand, so the text is cut by forward maximum matching
/// against a vocabulary (the hotline's words and the articles' tags); what the vocabulary does not
/// know is kept as two-character pieces, which still find the same characters in an article.
public struct SubjectTerms: Sendable, Equatable {
    /// A subject word with how much it counts: a known word 1, a two-character piece of unknown
    /// text less, since only some of those pieces are words.
    public struct Term: Sendable, Hashable {
        public var text: String
        public var weight: Double
    }

    public static let pieceWeight = 0.5

    public let terms: [Term]

    public init(_ text: String, vocabulary: Set<String> = HotlineLexicon.terms) {
        // Routing keywords may be longer than any word of the lexicon.
        let longest = max(HotlineLexicon.longestFiller, vocabulary.lazy.map(\.count).max() ?? 0)
        var terms: [Term] = []
        var seen: Set<String> = []
        func add(_ text: String, _ weight: Double) {
            if seen.insert(text).inserted { terms.append(Term(text: text, weight: weight)) }
        }
        for run in Self.runs(of: text) {
            if run.first?.isASCII == true {
                add(String(run).lowercased(), 1)
                continue
            }
            var unknown: [Character] = []
            func flushUnknown() {
                defer { unknown = [] }
                guard unknown.count >= 2 else { return }
                for start in 0..<(unknown.count - 1) { add(String(unknown[start...start + 1]), Self.pieceWeight) }
            }
            var index = 0
            while index < run.count {
                if let word = Self.longestWord(in: run, at: index, vocabulary: vocabulary, longest: longest) {
                    flushUnknown()
                    if vocabulary.contains(word) { add(word, 1) }
                    index += word.count
                } else {
                    unknown.append(run[index])
                    index += 1
                }
            }
            flushUnknown()
        }
        // A query of one character (社, 保) is that character, though it is no word.
        if terms.isEmpty, let only = Self.runs(of: text).first, only.count == 1,
            !HotlineLexicon.fillers.contains(String(only))
        {
            terms = [Term(text: String(only), weight: 1)]
        }
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }
    public var totalWeight: Double { terms.reduce(0) { $0 + $1.weight } }

    /// The share (by weight) of these terms found in `text`: how much of a question it answers.
    public func coverage(in text: String) -> Double {
        let total = totalWeight
        guard total > 0 else { return 0 }
        return terms.reduce(0) { $0 + (text.contains($1.text) ? $1.weight : 0) } / total
    }

    /// The longest vocabulary word or filler that starts at `index`.
    private static func longestWord(in run: [Character], at index: Int, vocabulary: Set<String>, longest: Int)
        -> String?
    {
        var length = min(longest, run.count - index)
        while length >= 1 {
            let candidate = String(run[index..<index + length])
            if vocabulary.contains(candidate) || HotlineLexicon.fillers.contains(candidate) { return candidate }
            length -= 1
        }
        return nil
    }

    /// Runs of Chinese characters and runs of ASCII letters and digits; anything else separates.
    private static func runs(of text: String) -> [[Character]] {
        var runs: [[Character]] = []
        var current: [Character] = []
        var currentIsASCII = false
        for character in text {
            let isASCIIWord = character.isASCII && (character.isLetter || character.isNumber)
            let isHan = !character.isASCII && character.isLetter
            if (isASCIIWord || isHan) && (current.isEmpty || currentIsASCII == isASCIIWord) {
                current.append(character)
                currentIsASCII = isASCIIWord
            } else {
                if !current.isEmpty { runs.append(current) }
                current = isASCIIWord || isHan ? [character] : []
                currentIsASCII = isASCIIWord
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

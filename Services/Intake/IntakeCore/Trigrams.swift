/// Overlapping three-character pieces of a text, the unit both duplicate detection and the
/// knowledge-base search compare Chinese text by: no word segmenter needed.
struct Trigrams: Sendable {
    let set: Set<String>

    init(_ text: String) {
        let characters = Array(text.filter { !$0.isWhitespace && !$0.isPunctuation })
        guard characters.count >= 3 else {
            set = characters.isEmpty ? [] : [String(characters)]
            return
        }
        var pieces = Set<String>()
        for start in 0...(characters.count - 3) {
            pieces.insert(String(characters[start..<start + 3]))
        }
        set = pieces
    }

    /// Shared pieces over all pieces (Jaccard): 1 for the same text, 0 for nothing in common.
    func similarity(to other: Trigrams) -> Double {
        let union = set.union(other.set).count
        return union == 0 ? 0 : Double(set.intersection(other.set).count) / Double(union)
    }

    /// The share of these pieces that `other` contains: how much of a query a text answers.
    func coverage(by other: Trigrams) -> Double {
        set.isEmpty ? 0 : Double(set.intersection(other.set).count) / Double(set.count)
    }
}

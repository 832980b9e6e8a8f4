import Foundation

/// Which of a fixed list of keywords occur in a text, as Foundation's `contains` answers it
/// (canonically equivalent text matches: both sides are compared in NFC) but by a byte search.
///
/// Every event of an order derives its facts again, keywords included: `contains` spent about
/// 150 µs an order on the 35 shipped keywords, most of it folding character clusters.
struct KeywordSearch: Sendable {
    private let needles: [(keyword: String, bytes: [UInt8])]

    init(_ keywords: [String]) {
        needles = keywords.map { ($0, Array($0.precomposedStringWithCanonicalMapping.utf8)) }
    }

    /// The keywords found in `text`, in the order they were listed.
    func keywords(in text: String) -> [String] {
        let haystack = Array(text.precomposedStringWithCanonicalMapping.utf8)
        return haystack.withUnsafeBufferPointer { haystack in
            needles.compactMap { needle in
                Self.occurs(needle.bytes, in: haystack) ? needle.keyword : nil
            }
        }
    }

    /// Whether `needle` is a run of bytes of `haystack`; an empty needle never is (as in Foundation).
    private static func occurs(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count, let base = haystack.baseAddress else {
            return false
        }
        return needle.withUnsafeBufferPointer { needle in
            guard let needleBase = needle.baseAddress else { return false }
            for start in 0...(haystack.count - needle.count)
            where haystack[start] == first && memcmp(base + start, needleBase, needle.count) == 0 {
                return true
            }
            return false
        }
    }
}

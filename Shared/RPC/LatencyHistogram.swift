/// Counts latencies in log-linear buckets (16 per power of two, so within about 6 %), in constant
/// memory, so that percentiles of millions of calls cost nothing to keep.
public struct LatencyHistogram: Sendable, Hashable {
    private static let subBuckets = 16
    private static let subBucketBits = 4
    private static let bucketCount = subBuckets * 60

    private var counts: [UInt64]
    public private(set) var count: UInt64 = 0
    public private(set) var maximum: UInt64 = 0

    public init() {
        counts = Array(repeating: 0, count: Self.bucketCount)
    }

    public mutating func record(microseconds value: UInt64) {
        counts[Self.index(of: value)] += 1
        count += 1
        maximum = max(maximum, value)
    }

    /// Adds every value `other` recorded.
    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
        count += other.count
        maximum = max(maximum, other.maximum)
    }

    /// The smallest recorded bucket bound below which `fraction` of the values lie (0 when empty).
    public func percentile(_ fraction: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        let rank = UInt64((Double(count) * fraction).rounded(.up))
        var seen: UInt64 = 0
        for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= max(rank, 1) { return min(Self.upperBound(of: index), maximum) }
        }
        return maximum
    }

    static func index(of value: UInt64) -> Int {
        if value < UInt64(subBuckets) { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount  // ≥ subBucketBits
        let shift = exponent - subBucketBits
        let mantissa = Int(value >> UInt64(shift)) - subBuckets  // 0..<16
        return min((shift + 1) * subBuckets + mantissa, bucketCount - 1)
    }

    static func upperBound(of index: Int) -> UInt64 {
        if index < subBuckets { return UInt64(index) }
        if index == bucketCount - 1 { return .max }  // the last bucket also holds everything larger
        let shift = index / subBuckets - 1
        let mantissa = index % subBuckets + subBuckets
        return (UInt64(mantissa + 1) << UInt64(shift)) - 1
    }
}

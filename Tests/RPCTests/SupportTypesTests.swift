import RPC
import Testing

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test func delaysGrowExponentiallyUpToTheMaximum() {
        var backoff = ReconnectBackoff(initial: .milliseconds(10), maximum: .milliseconds(100), multiplier: 2)
        let ceilings = (0..<6).map { _ in backoff.delayAfterFailure(unit: 1) }
        #expect(ceilings == [10, 20, 40, 80, 100, 100].map { .milliseconds($0) })
    }

    @Test func jitterStaysWithinHalfToFullCeiling() {
        var low = ReconnectBackoff(initial: .milliseconds(10), maximum: .seconds(1))
        var high = low
        #expect(low.delayAfterFailure(unit: 0) == .milliseconds(5))
        #expect(high.delayAfterFailure(unit: 1) == .milliseconds(10))
    }

    @Test func resetStartsOver() {
        var backoff = ReconnectBackoff(initial: .milliseconds(10), maximum: .seconds(1))
        _ = backoff.delayAfterFailure(unit: 1)
        _ = backoff.delayAfterFailure(unit: 1)
        backoff.reset()
        #expect(backoff.delayAfterFailure(unit: 1) == .milliseconds(10))
    }
}

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test func percentilesAreWithinBucketPrecision() {
        var histogram = LatencyHistogram()
        for value in 1...10_000 { histogram.record(microseconds: UInt64(value)) }
        for (fraction, exact) in [(0.5, 5000.0), (0.9, 9000.0), (0.99, 9900.0)] {
            let estimate = Double(histogram.percentile(fraction))
            #expect(abs(estimate - exact) / exact < 0.07, "p\(fraction): \(estimate) vs \(exact)")
        }
        #expect(histogram.maximum == 10_000)
        #expect(histogram.count == 10_000)
    }

    @Test func emptyHistogramReportsZero() {
        #expect(LatencyHistogram().percentile(0.99) == 0)
    }

    @Test func hugeValuesDoNotOverflowTheBuckets() {
        var histogram = LatencyHistogram()
        histogram.record(microseconds: .max)
        #expect(histogram.percentile(1) == .max)
    }
}

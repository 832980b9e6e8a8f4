internal import Foundation

/// An axis scale with "nice" tick marks: steps of 1, 2 or 5 times a power of ten, so that a
/// reader can interpolate between gridlines at a glance.
struct NiceScale: Equatable {
    /// The value at the bottom (or left) of the plot.
    var lower: Double
    /// The value at the top (or right) of the plot.
    var upper: Double
    /// The distance between ticks.
    var step: Double
    /// The tick values, ascending, all within `lower...upper`.
    var ticks: [Double]
    /// How many decimals a tick label needs to tell the ticks apart.
    var fractionDigits: Int

    /// A scale that covers `minimum...maximum`, widened outwards to whole steps, with at most
    /// `maximumTicks` ticks.
    init(covering minimum: Double, _ maximum: Double, maximumTicks: Int = 6) {
        let (low, high) = Self.widenedIfFlat(minimum, maximum)
        let step = Step.smallest(span: high - low, intervals: max(1, maximumTicks - 1)) { step in
            Int((high / step).rounded(.up) - (low / step).rounded(.down))
        }
        let first = Int((low / step.value).rounded(.down))
        let last = Int((high / step.value).rounded(.up))
        self.init(step: step, indices: first...last, lower: step.tick(first), upper: step.tick(last))
    }

    /// A scale with exactly the bounds of `range`, and nice ticks inside it: for a fixed axis such
    /// as 0–100 points.
    init(fixed range: ClosedRange<Double>, maximumTicks: Int = 6) {
        let (low, high) = Self.widenedIfFlat(range.lowerBound, range.upperBound)
        // A millionth of a step of tolerance keeps a bound that is a multiple of the step only up
        // to floating point error (0.3 and 0.1) from losing its tick.
        func firstIndex(_ step: Double) -> Int { Int((low / step - 1e-6).rounded(.up)) }
        func lastIndex(_ step: Double) -> Int { Int((high / step + 1e-6).rounded(.down)) }
        let step = Step.smallest(span: high - low, intervals: max(1, maximumTicks - 1)) { step in
            lastIndex(step) - firstIndex(step)
        }
        let first = firstIndex(step.value)
        let last = lastIndex(step.value)
        self.init(step: step, indices: first...max(first, last), lower: low, upper: high)
        if last < first { ticks = [] }
    }

    private init(step: Step, indices: ClosedRange<Int>, lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
        self.step = step.value
        self.ticks = indices.map(step.tick)
        self.fractionDigits = max(0, -step.exponent)
    }

    /// Maps `value` to a position between `start` (at `lower`) and `end` (at `upper`).
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// A flat range (one value, or all values equal) gets room around it, so that its line sits in
    /// the middle of the plot rather than on an edge; an all-zero range becomes 0–1.
    private static func widenedIfFlat(_ minimum: Double, _ maximum: Double) -> (Double, Double) {
        guard minimum.isFinite, maximum.isFinite else { return (0, 1) }
        // Clamped so that tick indices always fit an Int; no bureau figure comes near 10^15.
        let low = min(max(min(minimum, maximum), -1e15), 1e15)
        let high = min(max(max(minimum, maximum), -1e15), 1e15)
        let magnitude = max(abs(low), abs(high))
        guard high - low <= magnitude * 1e-9 else { return (low, high) }
        if magnitude == 0 { return (0, 1) }
        let pad = magnitude * 0.1
        return (low >= 0 && low - pad < 0 ? 0 : low - pad, high + pad)
    }

    /// A 1-2-5 step: `multiplier` × 10^`exponent`.
    private struct Step {
        var multiplier: Int
        var exponent: Int

        var value: Double { tick(1) }

        /// The `index`-th multiple of the step; built from integers and divided by a power of ten
        /// for negative exponents, because multiplying by 0.1 is inexact (3 × 0.1 ≠ 0.3).
        func tick(_ index: Int) -> Double {
            let units = Double(index * multiplier)
            let magnitude = pow(10, Double(abs(exponent)))
            return (exponent < 0 ? units / magnitude : units * magnitude) + 0  // + 0 turns -0 into 0
        }

        /// The smallest step for which `intervalCount(step)` is at most `intervals`.
        static func smallest(span: Double, intervals: Int, intervalCount: (Double) -> Int) -> Step {
            var exponent = Int(log10(span / Double(intervals)).rounded(.down))
            while true {
                for multiplier in [1, 2, 5] {
                    let step = Step(multiplier: multiplier, exponent: exponent)
                    if intervalCount(step.value) <= intervals { return step }
                }
                exponent += 1
            }
        }
    }
}

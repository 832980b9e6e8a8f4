/// Exponential backoff with full jitter between reconnection attempts: a pure state machine,
/// so that its delays are tested without waiting for them.
public struct ReconnectBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double
    private var failures = 0

    public init(initial: Duration = .milliseconds(20), maximum: Duration = .seconds(2), multiplier: Double = 2) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1)
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// Records a failed attempt and returns how long to wait before the next one. `unit` is a
    /// random number in [0, 1] (injected for tests); the delay lies in [ceiling / 2, ceiling].
    public mutating func delayAfterFailure(unit: Double = .random(in: 0...1)) -> Duration {
        let exponent = min(Double(failures), 32)
        failures += 1
        let ceiling = min(initial * pow2(multiplier, exponent), maximum)
        return ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
    }

    /// A successful connection starts the next outage from `initial` again.
    public mutating func reset() {
        failures = 0
    }

    private func pow2(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= base }
        return result
    }
}

/// When a warning goes out before a clock falls due.
public enum WarningOffset: Sendable, Hashable {
    /// When this fraction of the span from start to due has passed (0.8: at 80 %); 0 < f < 1.
    case fractionOfSpan(Double)
    /// This many minutes before the due instant. A lead longer than the span is left out for that
    /// clock (a 30-minute clock gets no "one hour before" warning).
    case minutesBefore(Int)

    /// The instant, in Unix milliseconds, of this warning for a clock spanning `start ..< due`.
    public func instant(start: Int64, due: Int64) -> Int64 {
        switch self {
        case .fractionOfSpan(let fraction):
            start + Int64((Double(due - start) * fraction).rounded(.down))
        case .minutesBefore(let minutes):
            due - Int64(minutes) * 60_000
        }
    }
}

/// Trace ids in the W3C trace-context shape (32 lowercase hex digits), made up where a call
/// arrives without one, so that every answer and every log line of a call names the same one.
public enum TraceID {
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

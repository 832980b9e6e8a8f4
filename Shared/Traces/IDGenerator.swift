import Synchronization

/// The random numbers of new trace and span ids, without a system call each: SplitMix64 over one
/// counter, seeded once from the system's generator. Every RPC call makes a span id on each side
/// and often a trace id; `SystemRandomNumberGenerator` asked the kernel (`getrandom`) every time,
/// a few per cent of a call's CPU. Trace ids must not collide, they need not be secret: the seed
/// is random per process and SplitMix64 never repeats a value within one.
struct IDGenerator: RandomNumberGenerator {
    private static let counter: Atomic<UInt64> = {
        var system = SystemRandomNumberGenerator()
        return Atomic(system.next())
    }()

    mutating func next() -> UInt64 {
        var z = Self.counter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

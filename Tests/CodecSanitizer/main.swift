// Drives the WireProtocol codec hard so that AddressSanitizer and LeakSanitizer see every path
// through the Swift mapping, the CArena and protobuf-c: round trips of every message type with
// varied values, truncated encodings, seeded random and mutated bytes, invalid UTF-8 and NUL bytes
// at every string field, and strings with NUL that must not encode.
//
// It is not a target of the main package: scripts/check-codec-asan.sh builds it with
// `--sanitize=address` in a throwaway package next to Shared/CProtobufC, WireMessagesC and
// WireProtocol, and runs it. Usage: CodecSanitizer [seed]. Exits 0 only when every expectation held.

import WireProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Seeded randomness

/// SplitMix64: small, fast and reproducible from one seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform enough for test data (modulo bias is negligible for these small ranges) and much
    /// cheaper than the generic `random(in:using:)` in a debug build.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % (UInt64(range.upperBound - range.lowerBound) + 1))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    /// True in one of `denominator` cases.
    mutating func oneIn(_ denominator: UInt64) -> Bool { next() % denominator == 0 }

    mutating func element<T>(_ elements: [T]) -> T { elements[int(0...(elements.count - 1))] }

    mutating func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            while index < count {
                var word = next()
                for _ in 0..<min(8, count - index) {
                    buffer[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
            initialized = count
        }
    }

    mutating func uint64() -> UInt64 {
        switch int(0...5) {
        case 0: element([0, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), UInt64.max - 1, UInt64.max])
        case 1: UInt64(int(0...1000))
        default: next() >> UInt64(int(0...63))
        }
    }

    mutating func int64() -> Int64 {
        switch int(0...5) {
        case 0: element([0, 1, -1, 127, 128, Int64.min, Int64.min + 1, Int64.max, 1_795_000_000_000])
        case 1: Int64(int(-1000...1000))
        default: Int64(bitPattern: next()) >> Int64(int(0...63))
        }
    }

    mutating func uint32() -> UInt32 {
        oneIn(4) ? element([0, 1, 127, 128, UInt32.max]) : UInt32(truncatingIfNeeded: next() >> UInt64(int(0...32)))
    }
}

// MARK: - Values

/// Scalar ranges for generated text: every UTF-8 length, controls other than NUL, combining marks,
/// noncharacters and the last scalar. Surrogates cannot be `Unicode.Scalar`s.
let scalarRanges: [ClosedRange<UInt32>] = [
    0x20...0x7E,  // ASCII
    0x01...0x1F,  // controls without NUL
    0x7F...0x7F,
    0xA0...0x24F,  // Latin, 2 bytes
    0x300...0x36F,  // combining marks
    0x400...0x4FF,  // Cyrillic
    0x3000...0x303F,  // CJK punctuation
    0x4E00...0x9FFF,  // CJK ideographs, 3 bytes
    0xE000...0xF8FF,  // private use
    0xFFF0...0xFFFF,  // specials and noncharacters
    0x1F300...0x1FAFF,  // emoji, 4 bytes
    0x10000...0x10FFFF,  // any supplementary scalar
]

/// Fixed texts: round-tripped in several fields up front, and drawn at random later.
let fixedTexts: [String] = [
    "", "a", "intake.submit", "timeout-ms", "trace-id", "校验失败", "电话号码格式不正确", "trace-一二三",
    "工单已受理，预计两小时内上门", "😀👍🏽🇨🇳", "e\u{301}", "\u{FEFF}bom", "\u{10FFFF}", "\u{FFFF}\u{FFFE}",
    "\u{1}\u{7F}\u{1F}", " ", "\n\t\r", String(repeating: "x", count: 127), String(repeating: "x", count: 128),
    String(repeating: "长", count: 5_462),  // 16 386 bytes: a 3-byte length varint
]

extension SeededGenerator {
    mutating func scalars(_ count: Int, from ranges: [ClosedRange<UInt32>]) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(count * 4)
        for _ in 0..<count {
            let range = element(ranges)
            let scalar = Unicode.Scalar(
                range.lowerBound + UInt32(next() % UInt64(range.upperBound - range.lowerBound + 1)))!
            utf8.append(contentsOf: UTF8.encode(scalar)!)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Varied text without NUL; `long` allows strings of tens of kilobytes.
    mutating func text(long: Bool = true) -> String {
        switch int(0...19) {
        case 0...3: return ""
        case 4...5: return element(fixedTexts)
        case 6...8: return scalars(int(1...24), from: [0x20...0x7E])
        case 9...11: return scalars(int(1...24), from: [0x4E00...0x9FFF])
        case 12...17: return scalars(int(1...40), from: scalarRanges)
        case 18: return long ? scalars(int(256...4096), from: scalarRanges) : scalars(int(1...64), from: scalarRanges)
        default: return long ? scalars(int(4096...20_000), from: [0x20...0x7E, 0x4E00...0x9FFF]) : ""
        }
    }

    /// Bodies from empty to 64 KiB, with the length-varint boundaries.
    mutating func body() -> [UInt8] {
        switch int(0...9) {
        case 0...2: return []
        case 3...5: return bytes(int(1...300))
        case 6: return bytes(element([1, 127, 128, 129, 16_383, 16_384, 16_385, 65_535, 65_536]))
        case 7: return [UInt8](repeating: element([0, 0xFF]), count: int(1...65_536))
        default: return bytes(int(0...65_536))
        }
    }

    /// How many elements a repeated field gets: mostly a few, sometimes hundreds.
    mutating func repeatCount() -> Int {
        switch int(0...9) {
        case 0...7: int(0...3)
        case 8: int(4...40)
        default: int(100...300)
        }
    }

    mutating func envelope() -> Envelope {
        let violations = repeatCount()
        let headers = repeatCount()
        let many = violations + headers > 20
        return Envelope(
            callID: uint64(),
            kind: bool() ? .request : .response,
            method: text(),
            body: body(),
            status: element(StatusCode.allCases),
            statusMessage: text(),
            fieldViolations: (0..<violations).map { _ in
                FieldViolation(field: text(long: !many), code: text(long: !many), message: text(long: !many))
            },
            headers: (0..<headers).map { _ in Header(name: text(long: !many), value: text(long: !many)) }
        )
    }

    /// An envelope small enough to slice, mutate and concatenate many times.
    mutating func smallEnvelope() -> Envelope {
        Envelope(
            callID: uint64(),
            kind: bool() ? .request : .response,
            method: text(long: false),
            body: bytes(int(0...3) == 0 ? int(0...40) : 0),
            status: element(StatusCode.allCases),
            statusMessage: text(long: false),
            fieldViolations: (0..<int(0...3)).map { _ in
                FieldViolation(field: text(long: false), code: text(long: false), message: text(long: false))
            },
            headers: (0..<int(0...3)).map { _ in Header(name: text(long: false), value: text(long: false)) }
        )
    }

    mutating func health(long: Bool = true) -> HealthResponse {
        HealthResponse(
            service: text(long: long),
            status: element([.unknown, .serving, .notServing]),
            version: text(long: long),
            startedAtUnixMilliseconds: int64(),
            uptimeMilliseconds: int64()
        )
    }

    mutating func latency() -> LatencySummary {
        LatencySummary(
            p50Microseconds: int64(), p90Microseconds: int64(), p99Microseconds: int64(), maxMicroseconds: int64())
    }

    mutating func stats(long: Bool = true) -> StatsResponse {
        let methods = long ? repeatCount() : int(0...3)
        return StatsResponse(
            service: text(long: long),
            callsServed: uint64(),
            errors: uint64(),
            latency: latency(),
            methods: (0..<methods).map { _ in
                MethodStats(
                    method: text(long: long && methods < 20), calls: uint64(), errors: uint64(), latency: latency())
            },
            openConnections: uint32()
        )
    }
}

// MARK: - Crafting and reading the wire format

/// Just enough of the protobuf wire format to build inputs by hand and to find field boundaries.
enum Wire {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }

    static func key(_ field: UInt64, _ wireType: UInt8) -> [UInt8] { varint(field << 3 | UInt64(wireType)) }

    static func varintField(_ field: UInt64, _ value: UInt64) -> [UInt8] { key(field, 0) + varint(value) }

    static func lengthDelimited(_ field: UInt64, _ payload: [UInt8]) -> [UInt8] {
        key(field, 2) + varint(UInt64(payload.count)) + payload
    }

    static func string(_ field: UInt64, _ text: String) -> [UInt8] { lengthDelimited(field, Array(text.utf8)) }

    struct Field {
        var number: UInt64
        var wireType: UInt8
        /// The whole field, key included.
        var range: Range<Int>
        /// Length-delimited fields only.
        var payload: Range<Int>?
    }

    /// The top-level fields of `bytes`, or nil when it is not well-formed at the top level.
    static func parse(_ bytes: [UInt8]) -> [Field]? {
        var offset = 0
        func readVarint() -> UInt64? {
            var value: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                guard offset < bytes.count else { return nil }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << UInt64(shift)
                if byte & 0x80 == 0 { return value }
            }
            return nil
        }
        var fields: [Field] = []
        while offset < bytes.count {
            let start = offset
            guard let key = readVarint() else { return nil }
            var payload: Range<Int>?
            switch UInt8(key & 7) {
            case 0: guard readVarint() != nil else { return nil }
            case 1:
                guard bytes.count - offset >= 8 else { return nil }
                offset += 8
            case 5:
                guard bytes.count - offset >= 4 else { return nil }
                offset += 4
            case 2:
                guard let length = readVarint(), length <= UInt64(bytes.count - offset) else { return nil }
                payload = offset..<(offset + Int(length))
                offset += Int(length)
            default: return nil
            }
            fields.append(Field(number: key >> 3, wireType: UInt8(key & 7), range: start..<offset, payload: payload))
        }
        return fields
    }
}

/// Which field numbers of a message are strings (with the protobuf-c field name that errors
/// carry) and which are nested messages.
struct Schema: Sendable {
    var strings: [UInt64: String] = [:]
    var messages: [UInt64: Schema] = [:]

    static let header = Schema(strings: [1: "name", 2: "value"])
    static let fieldViolation = Schema(strings: [1: "field", 2: "code", 3: "message"])
    static let envelope = Schema(
        strings: [3: "method", 6: "status_message"], messages: [7: fieldViolation, 8: header])
    static let health = Schema(strings: [1: "service", 3: "version"])
    static let latency = Schema()
    static let methodStats = Schema(strings: [1: "method"], messages: [4: latency])
    static let stats = Schema(strings: [1: "service"], messages: [4: latency, 5: methodStats])
    static let empty = Schema()
}

/// String payloads that are not valid UTF-8.
let invalidUTF8: [[UInt8]] = [
    [0x80],  // lone continuation byte
    [0xBF, 0x61],
    [0xC3, 0x28],  // lead byte without continuation
    [0xC0, 0x80],  // overlong NUL ("modified UTF-8")
    [0xC1, 0xBF],  // overlong
    [0xE0, 0x80, 0x80],  // overlong 3 bytes
    [0xED, 0xA0, 0x80],  // UTF-16 surrogate
    [0xED, 0xBF, 0xBF],
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0xF8, 0x88, 0x80, 0x80, 0x80],  // 5-byte form
    [0xFE], [0xFF],
    Array("工单".utf8).dropLast().map { $0 },  // last character cut short
    Array("abc".utf8) + [0xE4, 0xB8],
    [0xE4, 0xB8] + Array("abc".utf8),
    Array("校验".utf8) + [0xF0, 0x9F, 0x98] + Array("失败".utf8),
]

/// String payloads with a NUL byte; the last ones are also invalid UTF-8 (NUL is reported first).
let withNUL: [[UInt8]] = [
    [0x00],
    [0x00, 0x00],
    Array("a".utf8) + [0x00] + Array("b".utf8),
    Array("intake".utf8) + [0x00],
    [0x00] + Array("submit".utf8),
    Array("校验".utf8) + [0x00] + Array("失败".utf8),
    Array(repeating: 0x61, count: 300) + [0x00],
    [0xC3, 0x00],
    [0x00, 0xFF],
]

// MARK: - The harness

final class Harness {
    var random: SeededGenerator
    var roundTrips = 0
    var rejected = 0
    var fuzzAccepted = 0
    var randomBytes = 0
    var expectations = 0
    var mismatches = 0
    var reports: [String] = []
    private var decodeCount = 0

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    func mismatch(_ message: String) {
        mismatches += 1
        if reports.count < 30 { reports.append(message) }
    }

    // MARK: Decoding

    /// Decodes `bytes`, alternating between the `[UInt8]` entry point and an exactly sized heap copy
    /// (so that ASan sees any read past the end, which an array's spare capacity would hide).
    func decode<M: WireMessage>(_: M.Type, _ bytes: [UInt8]) -> Result<M, WireError> {
        decodeCount += 1
        if decodeCount % 3 == 0 {
            return Result { () throws(WireError) in try M(wireBytes: bytes) }
        }
        if bytes.isEmpty && decodeCount % 3 == 1 {
            return Result { () throws(WireError) in try M(wireBytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        return Result { () throws(WireError) in try M(wireBytes: UnsafeRawBufferPointer(buffer)) }
    }

    /// Encodes, decodes and re-encodes `value`; returns its encoding when all three agree.
    @discardableResult
    func roundTrip<M: WireMessage & Equatable>(_ value: M, _ label: @autoclosure () -> String) -> [UInt8]? {
        expectations += 1
        let bytes: [UInt8]
        do {
            bytes = try value.wireBytes()
        } catch {
            mismatch("\(label()): encoding threw \(error)")
            return nil
        }
        roundTrips += 1
        switch decode(M.self, bytes) {
        case .failure(let error):
            mismatch("\(label()): decoding its own \(bytes.count)-byte encoding threw \(error)")
            return nil
        case .success(let decoded):
            guard decoded == value else {
                mismatch("\(label()): decoded value differs from the encoded one (\(bytes.count) bytes)")
                return nil
            }
            guard let again = try? decoded.wireBytes(), again == bytes else {
                mismatch("\(label()): re-encoding the decoded value gives different bytes (\(bytes.count) bytes)")
                return nil
            }
        }
        return bytes
    }

    /// Something decoded from untrusted bytes holds only valid, NUL-free strings, so it must encode,
    /// and decode again to itself.
    func checkStable<M: WireMessage & Equatable>(_ value: M, _ label: @autoclosure () -> String) {
        expectations += 1
        do {
            let bytes = try value.wireBytes()
            guard case .success(let again) = decode(M.self, bytes), again == value else {
                mismatch("\(label()): an accepted value does not survive encoding and decoding")
                return
            }
        } catch {
            mismatch("\(label()): an accepted value does not encode: \(error)")
        }
    }

    /// `bytes` must be rejected; with `expected`, with exactly that error, with `code`, with that code.
    func expectRejected<M: WireMessage>(
        _: M.Type,
        _ bytes: [UInt8],
        _ expected: WireError? = nil,
        code: WireError.Code? = nil,
        _ label: @autoclosure () -> String
    ) {
        expectations += 1
        switch decode(M.self, bytes) {
        case .success:
            mismatch(
                "\(label()): \(bytes.count) bytes were accepted, expected \(expected.map { "\($0)" } ?? "an error")")
        case .failure(let error):
            if let expected, error != expected {
                mismatch("\(label()): threw \"\(error)\", expected \"\(expected)\"")
            } else if let code, error.code != code {
                mismatch("\(label()): threw \"\(error)\", expected code \(code)")
            } else {
                rejected += 1
            }
        }
    }

    /// `bytes` must decode to `expected`.
    func expectDecoded<M: WireMessage & Equatable>(_ bytes: [UInt8], _ expected: M, _ label: @autoclosure () -> String)
    {
        expectations += 1
        switch decode(M.self, bytes) {
        case .failure(let error): mismatch("\(label()): threw \(error)")
        case .success(let value) where value != expected:
            mismatch("\(label()): decoded to \(abridged(value)), expected \(abridged(expected))")
        case .success: break
        }
    }

    /// Untrusted bytes: either outcome is fine, but an accepted value must be stable.
    func fuzz(_ bytes: [UInt8]) {
        randomBytes += bytes.count
        fuzzOne(Envelope.self, bytes)
        fuzzOne(HealthRequest.self, bytes)
        fuzzOne(HealthResponse.self, bytes)
        fuzzOne(StatsRequest.self, bytes)
        fuzzOne(StatsResponse.self, bytes)
    }

    private func fuzzOne<M: WireMessage & Equatable>(_: M.Type, _ bytes: [UInt8]) {
        switch decode(M.self, bytes) {
        case .failure: rejected += 1
        case .success(let value):
            fuzzAccepted += 1
            checkStable(value, "\(M.self) from fuzz input \(hex(bytes))")
        }
    }

    // MARK: Truncation

    /// Every prefix of `bytes` (sampled when long): a cut between top-level fields is a shorter
    /// well-formed message, any other cut is malformed.
    func checkPrefixes<M: WireMessage & Equatable>(_: M.Type, _ bytes: [UInt8], _ label: String) {
        guard let fields = Wire.parse(bytes) else {
            mismatch("\(label): its own encoding does not parse")
            return
        }
        let boundaries = Set([0] + fields.map(\.range.upperBound))
        for length in sampleLengths(bytes.count, boundaries: boundaries) {
            let prefix = Array(bytes[..<length])
            if boundaries.contains(length) {
                switch decode(M.self, prefix) {
                case .failure(let error):
                    mismatch("\(label): prefix of \(length) bytes ends between fields but threw \(error)")
                case .success(let value): checkStable(value, "\(label): prefix of \(length) bytes")
                }
            } else {
                expectRejected(M.self, prefix, code: .malformed, "\(label): prefix of \(length)/\(bytes.count) bytes")
            }
        }
    }

    /// Nested messages cut short inside a correctly sized outer field, down to every depth.
    func checkNestedTruncation<M: WireMessage & Equatable>(_: M.Type, _ bytes: [UInt8], schema: Schema, _ label: String)
    {
        for (rebuilt, betweenFields) in nestedCuts(bytes, schema: schema) {
            if betweenFields {
                switch decode(M.self, rebuilt) {
                case .failure(let error): mismatch("\(label): nested message cut between fields threw \(error)")
                case .success(let value): checkStable(value, "\(label): nested message cut between fields")
                }
            } else {
                expectRejected(M.self, rebuilt, code: .malformed, "\(label): nested message cut inside a field")
            }
        }
    }

    /// Re-encodings of `bytes` in which one nested message is cut short and its length fixed up,
    /// each with whether the cut falls between the nested message's fields.
    private func nestedCuts(_ bytes: [UInt8], schema: Schema) -> [([UInt8], Bool)] {
        guard let fields = Wire.parse(bytes) else { return [] }
        var out: [([UInt8], Bool)] = []
        var nestedSeen = 0
        for field in fields {
            guard field.wireType == 2, let payloadRange = field.payload, let nested = schema.messages[field.number]
            else { continue }
            nestedSeen += 1
            if nestedSeen > 3 { break }
            let payload = Array(bytes[payloadRange])
            guard let innerFields = Wire.parse(payload) else { continue }
            let boundaries = Set([0] + innerFields.map(\.range.upperBound))
            let before = Array(bytes[..<field.range.lowerBound])
            let after = Array(bytes[field.range.upperBound...])
            for cut in sampleLengths(payload.count, boundaries: boundaries, limit: 48) {
                let rebuilt = before + Wire.lengthDelimited(field.number, Array(payload[..<cut])) + after
                out.append((rebuilt, boundaries.contains(cut)))
            }
            // One level deeper: cut inside the nested message's own nested messages.
            for (innerBytes, between) in nestedCuts(payload, schema: nested) {
                out.append((before + Wire.lengthDelimited(field.number, innerBytes) + after, between))
            }
        }
        return out
    }

    /// All lengths below `count` when short; otherwise the ends, the boundaries and a random sample.
    private func sampleLengths(_ count: Int, boundaries: Set<Int>, limit: Int = 1024) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var lengths = Set(0..<32).union((count - 32)..<count)
        let inside = boundaries.filter { $0 < count }.sorted()
        lengths.formUnion(stride(from: 0, to: inside.count, by: max(1, inside.count / 64)).map { inside[$0] })
        for _ in 0..<64 { lengths.insert(random.int(0...(count - 1))) }
        return lengths.sorted()
    }

    // MARK: Bad strings

    /// Puts each invalid UTF-8 and NUL-bearing payload into every string field of `schema`, at the
    /// top level and nested, before and after a valid encoding, and expects the exact error.
    func checkBadStrings<M: WireMessage>(_: M.Type, schema: Schema, valid: [UInt8], _ label: String) {
        for (path, name) in stringPaths(schema) {
            for payload in invalidUTF8 + withNUL {
                let code: WireError.Code = payload.contains(0) ? .embeddedNUL : .invalidUTF8
                let field = wrap(path, payload)
                let expected = WireError(code, name)
                expectRejected(M.self, valid + field, expected, "\(label) \(path) = \(hex(payload)) after valid fields")
                expectRejected(
                    M.self, field + valid, expected, "\(label) \(path) = \(hex(payload)) before valid fields")
                if path.count > 1 {
                    // The same field with a valid value first, inside the same nested message.
                    let both = wrap(path, payload, validFirst: true)
                    expectRejected(
                        M.self, valid + both, expected, "\(label) \(path) = \(hex(payload)) after a valid value")
                }
            }
        }
    }

    /// Invalid strings in fields that the schema does not know are kept by protobuf-c as unknown
    /// fields and never read as strings: decoding ignores them, at the top level and nested.
    func checkUnknownFields<M: WireMessage & Equatable>(_: M.Type, schema: Schema, valid: [UInt8], _ label: String) {
        guard case .success(let expected) = decode(M.self, valid) else {
            mismatch("\(label): valid base does not decode")
            return
        }
        let unknown: [[UInt8]] = [
            Wire.varintField(99, 1),
            Wire.varintField(536_870_911, UInt64.max),
            Wire.key(100, 1) + [1, 2, 3, 4, 5, 6, 7, 8],
            Wire.key(101, 5) + [1, 2, 3, 4],
            Wire.lengthDelimited(102, [0xC3, 0x28, 0x00]),
            Wire.lengthDelimited(103, Array("未知字段".utf8)),
            Wire.lengthDelimited(104, []),
        ]
        for extra in unknown {
            expectDecoded(valid + extra, expected, "\(label) + unknown field \(hex(extra))")
            expectDecoded(extra + valid, expected, "\(label) after unknown field \(hex(extra))")
        }
        // Unknown fields inside a nested message: the nested element decodes as if they were absent.
        for (number, nested) in schema.messages.sorted(by: { $0.key < $1.key }) {
            let inner = nested.strings.keys.sorted().first.map { Wire.string($0, "值") } ?? []
            let plain = valid + Wire.lengthDelimited(number, inner)
            guard case .success(let plainValue) = decode(M.self, plain) else {
                mismatch("\(label): nested field \(number) without unknown fields does not decode")
                continue
            }
            for extra in unknown {
                expectDecoded(
                    valid + Wire.lengthDelimited(number, extra + inner), plainValue,
                    "\(label) nested \(number) + \(hex(extra))")
                expectDecoded(
                    valid + Wire.lengthDelimited(number, inner + extra), plainValue,
                    "\(label) nested \(number) then \(hex(extra))")
            }
        }
    }

    private func stringPaths(_ schema: Schema, prefix: [UInt64] = []) -> [([UInt64], String)] {
        var paths = schema.strings.sorted { $0.key < $1.key }.map { (prefix + [$0.key], $0.value) }
        for (number, nested) in schema.messages.sorted(by: { $0.key < $1.key }) {
            paths += stringPaths(nested, prefix: prefix + [number])
        }
        return paths
    }

    /// The field at `path` (outermost first) holding `payload`, each enclosing message holding
    /// just the next; with `validFirst`, the innermost message has the field with a valid value first.
    private func wrap(_ path: [UInt64], _ payload: [UInt8], validFirst: Bool = false) -> [UInt8] {
        var bytes = (validFirst ? Wire.string(path.last!, "好") : []) + Wire.lengthDelimited(path.last!, payload)
        for number in path.dropLast().reversed() {
            bytes = Wire.lengthDelimited(number, bytes)
        }
        return bytes
    }
}

func abridged(_ value: some Any) -> String {
    let text = String(describing: value)
    return text.count <= 400 ? text : String(text.prefix(400)) + "…"
}

func hex(_ bytes: [UInt8], limit: Int = 24) -> String {
    let shown = bytes.prefix(limit).map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
    return "[" + shown.joined(separator: " ") + (bytes.count > limit ? " … (\(bytes.count) bytes)" : "") + "]"
}

// MARK: - Expected results of concatenation

/// Protobuf parses a concatenation as a merge: set scalars and strings of the later message win,
/// repeated fields append, nested messages merge field by field.
func merged(_ a: Envelope, _ b: Envelope) -> Envelope {
    Envelope(
        callID: b.callID != 0 ? b.callID : a.callID,
        kind: b.kind == .response ? .response : a.kind,
        method: b.method.isEmpty ? a.method : b.method,
        body: b.body.isEmpty ? a.body : b.body,
        status: b.status != .ok ? b.status : a.status,
        statusMessage: b.statusMessage.isEmpty ? a.statusMessage : b.statusMessage,
        fieldViolations: a.fieldViolations + b.fieldViolations,
        headers: a.headers + b.headers
    )
}

func merged(_ a: HealthResponse, _ b: HealthResponse) -> HealthResponse {
    HealthResponse(
        service: b.service.isEmpty ? a.service : b.service,
        status: b.status != .unknown ? b.status : a.status,
        version: b.version.isEmpty ? a.version : b.version,
        startedAtUnixMilliseconds: b.startedAtUnixMilliseconds != 0
            ? b.startedAtUnixMilliseconds : a.startedAtUnixMilliseconds,
        uptimeMilliseconds: b.uptimeMilliseconds != 0 ? b.uptimeMilliseconds : a.uptimeMilliseconds
    )
}

func merged(_ a: StatsResponse, _ b: StatsResponse) -> StatsResponse {
    StatsResponse(
        service: b.service.isEmpty ? a.service : b.service,
        callsServed: b.callsServed != 0 ? b.callsServed : a.callsServed,
        errors: b.errors != 0 ? b.errors : a.errors,
        // protobuf-c 1.4 merges a repeated singular message field with merge_messages(), which
        // takes a proto3 scalar from the earlier copy only when a has-flag says the later copy
        // lacks it; proto3 scalars have none, so the later LatencySummary wins whole, zeros and
        // all (Google's protobuf would keep the earlier non-zero values). The encoder never
        // repeats the field, so this only matters for hand-made input.
        latency: b.latency,
        methods: a.methods + b.methods,
        openConnections: b.openConnections != 0 ? b.openConnections : a.openConnections
    )
}

// MARK: - Random inputs

extension SeededGenerator {
    /// A well-formed-looking message with random field numbers, wire types and payloads (strings,
    /// bad strings, nested messages), sometimes with a wrong length: it gets past the framing
    /// checks and into protobuf-c's type and merge handling.
    mutating func structuredMessage(depth: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<int(0...8) {
            let number: UInt64 =
                oneIn(12) ? UInt64(int(10...536_870_911)) : (oneIn(40) ? 0 : UInt64(int(1...9)))
            let wireType: UInt8 = oneIn(15) ? UInt8(int(3...7)) : element([0, 0, 2, 2, 2, 1, 5])
            bytes += Wire.key(number, wireType)
            switch wireType {
            case 0:
                bytes += oneIn(20) ? [UInt8](repeating: 0xFF, count: int(9...11)) + [0x01] : Wire.varint(uint64())
            case 1: bytes += self.bytes(8)
            case 5: bytes += self.bytes(4)
            case 2:
                var payload: [UInt8]
                switch int(0...6) {
                case 0: payload = Array(text(long: false).utf8)
                case 1: payload = element(invalidUTF8 + withNUL)
                case 2, 3: payload = depth < 3 ? structuredMessage(depth: depth + 1) : []
                case 4: payload = self.bytes(int(0...40))
                default: payload = Array(scalars(int(0...8), from: [0x4E00...0x9FFF]).utf8)
                }
                var length = payload.count
                if oneIn(25) { length += element([-2, -1, 1, 2, 1000]) }
                bytes += Wire.varint(UInt64(max(0, length))) + payload
            default:
                bytes += self.bytes(int(0...4))
            }
        }
        return bytes
    }

    /// A few random edits of a valid encoding.
    mutating func mutate(_ original: [UInt8], splice other: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0..<int(1...4) {
            switch int(0...7) {
            case 0 where !bytes.isEmpty:
                let index = int(0...(bytes.count - 1))
                bytes[index] ^= UInt8(1) << UInt8(int(0...7))
            case 1 where !bytes.isEmpty:
                bytes[int(0...(bytes.count - 1))] = element([
                    0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x12, 0x1A, 0x3A, 0x42,
                ])
            case 2: bytes.insert(contentsOf: self.bytes(int(1...8)), at: int(0...bytes.count))
            case 3 where !bytes.isEmpty:
                let start = int(0...(bytes.count - 1))
                bytes.removeSubrange(start..<min(bytes.count, start + int(1...16)))
            case 4 where !bytes.isEmpty:
                let start = int(0...(bytes.count - 1))
                let slice = bytes[start..<min(bytes.count, start + int(1...32))]
                bytes.insert(contentsOf: slice, at: int(0...bytes.count))
            case 5 where !bytes.isEmpty: bytes.removeLast(int(1...bytes.count))
            case 6: bytes.insert(contentsOf: other.prefix(int(0...other.count)), at: int(0...bytes.count))
            default: bytes += Wire.varint(uint64())
            }
        }
        return bytes
    }
}

// MARK: - Canaries

/// `--canary overflow` and `--canary leak` commit a heap overflow and a leak on purpose, so that
/// scripts/check-codec-asan.sh can prove the sanitizer is live before it trusts a clean run.
func runCanary(_ kind: String) -> Int32 {
    switch kind {
    case "overflow":
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        buffer.initialize(repeating: 1, count: 16)
        let index = 15 + CommandLine.arguments.count / 3  // 16, but not a constant
        print("canary read \(buffer[index])")
        buffer.deallocate()
        return 0
    case "leak":
        leakOnPurpose()
        return 0
    default:
        print("usage: CodecSanitizer [seed] | --canary overflow|leak")
        return 2
    }
}

@inline(never)
func leakOnPurpose() {
    var checksum: UInt = 0
    for _ in 0..<64 {
        let block = malloc(4096)!
        // Keep only a scrambled address, so no pointer to the block survives.
        checksum ^= UInt(bitPattern: block) &* 31
    }
    print("canary leaked 64 blocks (\(checksum & 1))")
}

// MARK: - The run

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count == 2 && arguments[0] == "--canary" {
    exit(runCanary(arguments[1]))
}
guard arguments.count <= 1, let seed = arguments.isEmpty ? 0x5_0BA4 : UInt64(arguments[0]) else {
    print("usage: CodecSanitizer [seed] | --canary overflow|leak")
    exit(2)
}
let harness = Harness(seed: seed)

let zeroLatency = LatencySummary(p50Microseconds: 0, p90Microseconds: 0, p99Microseconds: 0, maxMicroseconds: 0)
func manyViolations() -> [FieldViolation] {
    (0..<200).map {
        FieldViolation(field: "field.\($0)", code: "malformed", message: String(repeating: "错", count: 40))
    }
}
func manyHeaders() -> [Header] { (0..<200).map { Header(name: "h\($0)", value: String(repeating: "v", count: 100)) } }
func manyMethods() -> [MethodStats] {
    (0..<200).map { MethodStats(method: "method.\($0)", calls: 1, errors: 0, latency: zeroLatency) }
}

// 1. Round trips with varied values, each encoding also cut at every (or a sample of) prefix.
var envelopeSeeds: [[UInt8]] = []
var healthSeeds: [[UInt8]] = []
var statsSeeds: [[UInt8]] = []

for text in fixedTexts {
    harness.roundTrip(
        Envelope(
            callID: 1, kind: .request, method: text, statusMessage: text, headers: [Header(name: text, value: text)]),
        "Envelope with fixed text \(hex(Array(text.utf8)))"
    )
    harness.roundTrip(
        HealthResponse(
            service: text, status: .serving, version: text, startedAtUnixMilliseconds: -1, uptimeMilliseconds: 1),
        "HealthResponse with fixed text"
    )
}
for status in StatusCode.allCases {
    harness.roundTrip(
        Envelope(callID: UInt64.max, kind: .response, status: status, statusMessage: "\(status)"), "status \(status)")
}
harness.roundTrip(
    Envelope(
        callID: 7,
        kind: .response,
        body: [UInt8](repeating: 0xAB, count: 65_536),
        status: .invalidArgument,
        statusMessage: String(repeating: "校验失败", count: 10_000),
        fieldViolations: (0..<300).map {
            FieldViolation(field: "caller.phone.\($0)", code: "malformed", message: "电话号码格式不正确 \($0)")
        },
        headers: (0..<300).map { Header(name: "x-header-\($0)", value: String(repeating: "值", count: $0)) }
    ),
    "Envelope at the limits"
)
harness.roundTrip(
    StatsResponse(
        service: "sla",
        callsServed: UInt64.max,
        errors: UInt64.max,
        latency: LatencySummary(
            p50Microseconds: Int64.min, p90Microseconds: -1, p99Microseconds: 0, maxMicroseconds: Int64.max),
        methods: (0..<300).map {
            MethodStats(
                method: "方法.\($0)", calls: UInt64($0), errors: 0,
                latency: LatencySummary(p50Microseconds: 0, p90Microseconds: 0, p99Microseconds: 0, maxMicroseconds: 0))
        },
        openConnections: UInt32.max
    ),
    "StatsResponse at the limits"
)

for index in 0..<1500 {
    let envelope = index % 4 == 0 ? harness.random.smallEnvelope() : harness.random.envelope()
    guard let bytes = harness.roundTrip(envelope, "Envelope #\(index)") else { continue }
    // Cutting is quadratic in the size: all small encodings, a few up to 64 KiB and more.
    if index < 400 && (bytes.count <= 4096 || index < 24) {
        harness.checkPrefixes(Envelope.self, bytes, "Envelope #\(index)")
        harness.checkNestedTruncation(Envelope.self, bytes, schema: .envelope, "Envelope #\(index)")
    }
    if bytes.count <= 512 && envelopeSeeds.count < 200 { envelopeSeeds.append(bytes) }
}
for index in 0..<1200 {
    let response = harness.random.health(long: index % 2 == 0)
    guard let bytes = harness.roundTrip(response, "HealthResponse #\(index)") else { continue }
    if index < 300 { harness.checkPrefixes(HealthResponse.self, bytes, "HealthResponse #\(index)") }
    if bytes.count <= 512 && healthSeeds.count < 100 { healthSeeds.append(bytes) }
}
for index in 0..<1200 {
    let response = harness.random.stats(long: index % 2 == 0)
    guard let bytes = harness.roundTrip(response, "StatsResponse #\(index)") else { continue }
    if index < 300 && (bytes.count <= 4096 || index < 24) {
        harness.checkPrefixes(StatsResponse.self, bytes, "StatsResponse #\(index)")
        harness.checkNestedTruncation(StatsResponse.self, bytes, schema: .stats, "StatsResponse #\(index)")
    }
    if bytes.count <= 512 && statsSeeds.count < 100 { statsSeeds.append(bytes) }
}
for index in 0..<200 {
    if let bytes = harness.roundTrip(HealthRequest(), "HealthRequest #\(index)"), !bytes.isEmpty {
        harness.mismatch("HealthRequest encodes to \(bytes.count) bytes, expected none")
    }
    if let bytes = harness.roundTrip(StatsRequest(), "StatsRequest #\(index)"), !bytes.isEmpty {
        harness.mismatch("StatsRequest encodes to \(bytes.count) bytes, expected none")
    }
}

// 2. Concatenations decode as protobuf merges (protobuf-c merges duplicated nested messages).
for index in 0..<400 {
    let a = harness.random.smallEnvelope()
    let b = harness.random.smallEnvelope()
    if let x = try? a.wireBytes(), let y = try? b.wireBytes() {
        harness.expectDecoded(x + y, merged(a, b), "Envelope concatenation #\(index)")
    }
    let h1 = harness.random.health(long: false)
    let h2 = harness.random.health(long: false)
    if let x = try? h1.wireBytes(), let y = try? h2.wireBytes() {
        harness.expectDecoded(x + y, merged(h1, h2), "HealthResponse concatenation #\(index)")
    }
    let s1 = harness.random.stats(long: false)
    let s2 = harness.random.stats(long: false)
    if let x = try? s1.wireBytes(), let y = try? s2.wireBytes() {
        harness.expectDecoded(x + y, merged(s1, s2), "StatsResponse concatenation #\(index)")
    }
}

// A singular nested message given twice is merged by protobuf-c; the later copy wins whole (see
// merged(_:_:) above), also inside a repeated element; a broken later copy fails the whole message.
let latencyA = Wire.lengthDelimited(4, Wire.varintField(1, 5) + Wire.varintField(2, 6) + Wire.varintField(4, 9))
let latencyB = Wire.lengthDelimited(4, Wire.varintField(2, 7))
let latencyBroken = Wire.lengthDelimited(4, Wire.key(1, 5) + [1, 0, 0, 0])
harness.expectDecoded(
    Wire.string(1, "sla") + latencyA + latencyB,
    StatsResponse(
        service: "sla", callsServed: 0, errors: 0,
        latency: LatencySummary(p50Microseconds: 0, p90Microseconds: 7, p99Microseconds: 0, maxMicroseconds: 0),
        methods: [], openConnections: 0
    ),
    "StatsResponse.latency given twice"
)
harness.expectDecoded(
    Wire.lengthDelimited(5, Wire.string(1, "health") + latencyA + Wire.varintField(2, 3) + latencyB),
    StatsResponse(
        service: "", callsServed: 0, errors: 0, latency: zeroLatency,
        methods: [
            MethodStats(
                method: "health", calls: 3, errors: 0,
                latency: LatencySummary(p50Microseconds: 0, p90Microseconds: 7, p99Microseconds: 0, maxMicroseconds: 0)
            )
        ],
        openConnections: 0
    ),
    "MethodStats.latency given twice"
)
harness.expectRejected(
    StatsResponse.self, latencyA + latencyBroken, code: .malformed, "StatsResponse.latency, then a broken copy")
harness.expectRejected(
    StatsResponse.self, latencyBroken + latencyA, code: .malformed, "StatsResponse.latency, broken, then a good copy")
harness.expectRejected(
    StatsResponse.self,
    Wire.lengthDelimited(5, latencyA + latencyBroken) + Wire.lengthDelimited(5, latencyA),
    code: .malformed,
    "MethodStats.latency, then a broken copy"
)

// 3. Invalid UTF-8 and NUL in every string field, top level and nested; unknown fields ignored.
for index in 0..<3 {
    let envelope = (try? harness.random.smallEnvelope().wireBytes()) ?? []
    harness.checkBadStrings(Envelope.self, schema: .envelope, valid: index == 0 ? [] : envelope, "Envelope")
    harness.checkUnknownFields(Envelope.self, schema: .envelope, valid: envelope, "Envelope")
    let health = (try? harness.random.health(long: false).wireBytes()) ?? []
    harness.checkBadStrings(HealthResponse.self, schema: .health, valid: index == 0 ? [] : health, "HealthResponse")
    harness.checkUnknownFields(HealthResponse.self, schema: .health, valid: health, "HealthResponse")
    let stats = (try? harness.random.stats(long: false).wireBytes()) ?? []
    harness.checkBadStrings(StatsResponse.self, schema: .stats, valid: index == 0 ? [] : stats, "StatsResponse")
    harness.checkUnknownFields(StatsResponse.self, schema: .stats, valid: stats, "StatsResponse")
    harness.checkUnknownFields(HealthRequest.self, schema: .empty, valid: [], "HealthRequest")
    harness.checkUnknownFields(StatsRequest.self, schema: .empty, valid: [], "StatsRequest")
}
// The examples of the unit tests, byte for byte.
harness.expectRejected(
    Envelope.self, [0x1A, 0x02, 0xC3, 0x28], WireError(.invalidUTF8, "method"), "invalid UTF-8 method")
harness.expectRejected(
    Envelope.self, [0x1A, 0x03, 0x61, 0x00, 0x62], WireError(.embeddedNUL, "method"), "NUL in method")
harness.expectRejected(
    Envelope.self, [0x3A, 0x04, 0x0A, 0x02, 0x61, 0x00], WireError(.embeddedNUL, "field"), "NUL in nested field")
harness.expectRejected(Envelope.self, [0x1A, 0x7F, 0x61], code: .malformed, "length beyond the buffer")
harness.expectRejected(Envelope.self, [0x08] + Array(repeating: 0xFF, count: 11), code: .malformed, "overlong varint")
// Enumerations: an unknown kind is an error, an unknown status or serving status reads as unknown.
for kind: UInt64 in [2, 9, 127, 128, UInt64(UInt32.max), UInt64.max] {
    harness.expectRejected(
        Envelope.self, Wire.varintField(1, 5) + Wire.varintField(2, kind), code: .unknownEnumValue,
        "Envelope.kind \(kind)")
}
for status: UInt64 in [17, 99, UInt64(UInt32.max), UInt64.max] {
    harness.expectDecoded(
        Wire.varintField(2, 1) + Wire.varintField(5, status),
        Envelope(callID: 0, kind: .response, status: .unknown),
        "Envelope.status_code \(status)"
    )
    harness.expectDecoded(
        Wire.varintField(2, status),
        HealthResponse(service: "", status: .unknown, version: "", startedAtUnixMilliseconds: 0, uptimeMilliseconds: 0),
        "HealthResponse.status \(status)"
    )
}
// Known fields with the wrong wire type are malformed to protobuf-c (which frees what it built).
for (number, wireType) in [(1, 2), (2, 2), (3, 0), (4, 0), (5, 1), (7, 0), (8, 5), (8, 1), (3, 5)] as [(UInt64, UInt8)]
{
    let field: [UInt8] =
        switch wireType {
        case 0: Wire.varintField(number, 300)
        case 1: Wire.key(number, 1) + [1, 0, 0, 0, 0, 0, 0, 0]
        case 5: Wire.key(number, 5) + [1, 0, 0, 0]
        default: Wire.lengthDelimited(number, Array("错".utf8))
        }
    let valid = (try? harness.random.smallEnvelope().wireBytes()) ?? []
    harness.expectRejected(
        Envelope.self, valid + field, code: .malformed, "Envelope field \(number) with wire type \(wireType)")
    harness.expectRejected(
        Envelope.self, field + valid, code: .malformed, "Envelope field \(number) with wire type \(wireType) first")
}
for field in [
    Wire.varintField(1, 3), Wire.varintField(2, 3), Wire.key(1, 1) + [1, 0, 0, 0, 0, 0, 0, 0],
    Wire.key(2, 5) + [1, 0, 0, 0],
] {
    let header = Wire.string(1, "名") + field + Wire.string(2, "值")
    harness.expectRejected(
        Envelope.self, Wire.lengthDelimited(8, header), code: .malformed, "Header with \(hex(field))")
}
for field in [
    Wire.varintField(1, 3), Wire.key(1, 1) + [1, 0, 0, 0, 0, 0, 0, 0], Wire.key(2, 5) + [1, 0, 0, 0],
    Wire.string(3, "x"),
] {
    harness.expectRejected(
        StatsResponse.self, Wire.lengthDelimited(5, field), code: .malformed, "MethodStats with \(hex(field))")
}
harness.expectRejected(
    StatsResponse.self, Wire.lengthDelimited(5, Wire.varintField(4, 1)), code: .malformed,
    "MethodStats.latency as varint")
harness.expectRejected(
    StatsResponse.self, Wire.lengthDelimited(5, Wire.lengthDelimited(4, Wire.lengthDelimited(1, [1]))),
    code: .malformed, "LatencySummary.p50 as bytes")

// 4. Strings with NUL must not encode: each string property, at several positions, including the
// last of many elements (so that the arena has several chunks to free when encoding throws).
let nulStrings = [
    "\u{0}", "\u{0}\u{0}", "intake\u{0}submit", "\u{0}trace", "trace-一二三\u{0}",
    String(repeating: "值", count: 5000) + "\u{0}",
]
let nulCases: [(subject: String, make: (String) -> any WireMessage)] = [
    ("Envelope.method", { Envelope(callID: 1, kind: .request, method: $0) }),
    ("Envelope.status_message", { Envelope(callID: 1, kind: .response, method: "m", statusMessage: $0) }),
    (
        "FieldViolation.field",
        { s in
            Envelope(
                callID: 1, kind: .response,
                fieldViolations: manyViolations() + [FieldViolation(field: s, code: "c", message: "m")])
        }
    ),
    (
        "FieldViolation.code",
        { Envelope(callID: 1, kind: .response, fieldViolations: [FieldViolation(field: "f", code: $0, message: "m")]) }
    ),
    (
        "FieldViolation.message",
        { Envelope(callID: 1, kind: .response, fieldViolations: [FieldViolation(field: "f", code: "c", message: $0)]) }
    ),
    (
        "Header.name",
        { s in Envelope(callID: 1, kind: .request, headers: manyHeaders() + [Header(name: s, value: "v")]) }
    ),
    ("Header.value", { Envelope(callID: 1, kind: .request, headers: [Header(name: "n", value: $0)]) }),
    (
        "HealthResponse.service",
        {
            HealthResponse(
                service: $0, status: .serving, version: "1", startedAtUnixMilliseconds: 1, uptimeMilliseconds: 1)
        }
    ),
    (
        "HealthResponse.version",
        {
            HealthResponse(
                service: "s", status: .serving, version: $0, startedAtUnixMilliseconds: 1, uptimeMilliseconds: 1)
        }
    ),
    (
        "StatsResponse.service",
        { StatsResponse(service: $0, callsServed: 1, errors: 0, latency: zeroLatency, methods: [], openConnections: 0) }
    ),
    (
        "MethodStats.method",
        { s in
            StatsResponse(
                service: "s",
                callsServed: 1,
                errors: 0,
                latency: zeroLatency,
                methods: manyMethods() + [MethodStats(method: s, calls: 1, errors: 0, latency: zeroLatency)],
                openConnections: 0
            )
        }
    ),
]
for (subject, make) in nulCases {
    for string in nulStrings {
        harness.expectations += 1
        do {
            let bytes = try make(string).wireBytes()
            harness.mismatch("\(subject) with a NUL encoded to \(bytes.count) bytes instead of throwing")
        } catch {
            if error != WireError(.embeddedNUL, subject) {
                harness.mismatch(
                    "\(subject) with a NUL threw \"\(error)\", expected \"\(WireError(.embeddedNUL, subject))\"")
            }
        }
    }
}

// 5. Seeded random bytes: plain noise, structured messages and mutations of valid encodings.
for _ in 0..<2500 {
    let count = harness.random.oneIn(10) ? harness.random.int(256...1024) : harness.random.int(0...160)
    harness.fuzz(harness.random.bytes(count))
}
for _ in 0..<3000 {
    harness.fuzz(harness.random.structuredMessage())
}
let allSeeds = envelopeSeeds + healthSeeds + statsSeeds
for _ in 0..<4000 where !allSeeds.isEmpty {
    let original = harness.random.element(allSeeds)
    let other = harness.random.element(allSeeds)
    harness.fuzz(harness.random.mutate(original, splice: other))
}

// MARK: - Verdict

for report in harness.reports {
    print("mismatch: \(report)")
}
if harness.mismatches > harness.reports.count {
    print("mismatch: … and \(harness.mismatches - harness.reports.count) more")
}
print(
    "codec-sanitizer: \(harness.roundTrips) round trips, \(harness.rejected) malformed inputs rejected, "
        + "\(harness.mismatches) mismatches (\(harness.expectations) expectations, \(harness.fuzzAccepted) fuzz decodes accepted, "
        + "\(harness.randomBytes) random bytes, seed \(seed))"
)
exit(harness.mismatches == 0 ? 0 : 1)

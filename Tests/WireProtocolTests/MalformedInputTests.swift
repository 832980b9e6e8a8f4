import PropertyBased
import Testing
import WireProtocol

/// Bytes from a peer are never trusted: anything that is not a well-formed message is a typed
/// error, never a crash and never a silently altered value.
@Suite("Malformed wire input")
struct MalformedInputTests {
    @Test func randomBytesNeverCrash() async {
        await propertyCheck(count: 2000, input: Gen.uint8().array(of: 0...64)) { bytes in
            // Either outcome is fine; what is tested is that decoding returns at all.
            _ = try? Envelope(wireBytes: bytes)
            _ = try? StatsResponse(wireBytes: bytes)
        }
    }

    @Test func truncatedMessageIsRejected() throws {
        let bytes = try GoldenFixtureTests.request.wireBytes()
        for length in [1, 3, 10, bytes.count - 1] {
            #expect(throws: WireError.self) { try Envelope(wireBytes: Array(bytes.prefix(length))) }
        }
    }

    @Test func invalidUTF8IsRejected() {
        // field 3 (method), length 2, an invalid two-byte sequence
        #expect(throws: WireError(.invalidUTF8, "method")) { try Envelope(wireBytes: [0x1A, 0x02, 0xC3, 0x28]) }
    }

    @Test func embeddedNULIsRejected() {
        #expect(throws: WireError(.embeddedNUL, "method")) { try Envelope(wireBytes: [0x1A, 0x03, 0x61, 0x00, 0x62]) }
    }

    @Test func embeddedNULInNestedMessageIsRejected() {
        // field 7 (field_violations) holding field 1 (field) = "a\0"
        #expect(throws: WireError(.embeddedNUL, "field")) {
            try Envelope(wireBytes: [0x3A, 0x04, 0x0A, 0x02, 0x61, 0x00])
        }
    }

    @Test func unknownEnvelopeKindIsRejected() {
        #expect(throws: WireError.self) { try Envelope(wireBytes: [0x10, 0x09]) }
    }

    @Test func unknownStatusCodeReadsAsUnknown() throws {
        let envelope = try Envelope(wireBytes: [0x10, 0x01, 0x28, 0x63])
        #expect(envelope.status == .unknown)
    }

    @Test func unknownFieldsAreSkipped() throws {
        // field 99 varint 1, then call_id 5
        let envelope = try Envelope(wireBytes: [0x98, 0x06, 0x01, 0x08, 0x05])
        #expect(envelope.callID == 5)
    }

    @Test func lengthBeyondTheBufferIsRejected() {
        #expect(throws: WireError.self) { try Envelope(wireBytes: [0x1A, 0x7F, 0x61]) }
    }

    @Test func overlongVarintIsRejected() {
        #expect(throws: WireError.self) { try Envelope(wireBytes: [0x08] + Array(repeating: 0xFF, count: 11)) }
    }

    @Test func stringWithNULIsNotEncoded() {
        let envelope = Envelope(callID: 1, kind: .request, method: "intake\u{0}submit")
        #expect(throws: WireError(.embeddedNUL, "Envelope.method")) { try envelope.wireBytes() }
    }
}

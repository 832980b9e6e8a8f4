import WireProtocol

/// The bounds on a request's method name and headers. A request outside them fails alone with
/// `invalid_argument`; its connection and the other calls on it go on.
///
/// Method names are ASCII by construction (`<service>.<verb>`), so anything else is refused
/// before it can reach a log line or an error message.
enum RequestShape {
    static let maximumMethodLength = 128
    static let maximumHeaderCount = 64
    static let maximumHeaderNameLength = 128
    /// Large enough for a credential (a signed assertion) with room to spare.
    static let maximumHeaderValueLength = 16 << 10

    /// Why `request` is malformed, or nil when it is not.
    static func violation(of request: Envelope) -> String? {
        let method = request.method.utf8
        if method.isEmpty { return "empty method name" }
        if method.count > maximumMethodLength { return "method name longer than \(maximumMethodLength) bytes" }
        if !method.allSatisfy(isMethodByte) { return "method name holds characters other than A-Z a-z 0-9 . _ -" }
        if request.headers.count > maximumHeaderCount { return "more than \(maximumHeaderCount) headers" }
        for header in request.headers {
            if header.name.utf8.count > maximumHeaderNameLength {
                return "header name longer than \(maximumHeaderNameLength) bytes"
            }
            if header.value.utf8.count > maximumHeaderValueLength {
                return "header value longer than \(maximumHeaderValueLength) bytes"
            }
        }
        return nil
    }

    private static func isMethodByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}

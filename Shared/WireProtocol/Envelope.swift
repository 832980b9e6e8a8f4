import CProtobufC
import WireMessagesC

/// One frame of the wire protocol: a request, or the response to the request with the same call id.
public struct Envelope: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case request
        case response
    }

    public var callID: UInt64
    public var kind: Kind
    /// Requests only: `"<service>.<verb>"`.
    public var method: String
    /// The encoded request or response message.
    public var body: [UInt8]
    /// Responses only.
    public var status: StatusCode
    public var statusMessage: String
    public var fieldViolations: [FieldViolation]
    public var headers: [Header]

    public init(
        callID: UInt64,
        kind: Kind,
        method: String = "",
        body: [UInt8] = [],
        status: StatusCode = .ok,
        statusMessage: String = "",
        fieldViolations: [FieldViolation] = [],
        headers: [Header] = []
    ) {
        self.callID = callID
        self.kind = kind
        self.method = method
        self.body = body
        self.status = status
        self.statusMessage = statusMessage
        self.fieldViolations = fieldViolations
        self.headers = headers
    }

    /// The value of the first header called `name`.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}

/// A name and value of call metadata.
public struct Header: Hashable, Sendable {
    /// The caller's remaining budget in milliseconds; relative, so that clock skew does not matter.
    public static let timeoutMilliseconds = "timeout-ms"
    public static let traceID = "trace-id"
    /// The caller's credential (docs/identity.md); never logged.
    public static let credential = "credential"
    /// A signed-in person's console session token; only the console reads it, and never logs it.
    public static let session = "session"

    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One input field that failed validation.
public struct FieldViolation: Hashable, Sendable {
    /// The field's path, e.g. `caller.phone`.
    public var field: String
    /// A stable machine-readable reason, e.g. `malformed`.
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

extension Envelope: ProtobufCBacked {
    nonisolated(unsafe) static let descriptor: UnsafePointer<ProtobufCMessageDescriptor> = {
        var message = Suban__V1__Envelope()
        suban__v1__envelope__init(&message)
        return message.base.descriptor
    }()

    init(cMessage c: UnsafePointer<Suban__V1__Envelope>) throws(WireError) {
        let m = c.pointee
        switch m.kind {
        case SUBAN__V1__ENVELOPE_KIND__ENVELOPE_KIND_REQUEST: kind = .request
        case SUBAN__V1__ENVELOPE_KIND__ENVELOPE_KIND_RESPONSE: kind = .response
        default: throw WireError(.unknownEnumValue, "Envelope.kind \(m.kind.rawValue)")
        }
        callID = m.call_id
        method = CField.string(m.method)
        body = CField.bytes(m.body)
        status = StatusCode(c: m.status_code)
        statusMessage = CField.string(m.status_message)
        fieldViolations = try CField.repeated(m.n_field_violations, m.field_violations) { v in
            FieldViolation(
                field: CField.string(v.pointee.field),
                code: CField.string(v.pointee.code),
                message: CField.string(v.pointee.message)
            )
        }
        headers = try CField.repeated(m.n_headers, m.headers) { h in
            Header(name: CField.string(h.pointee.name), value: CField.string(h.pointee.value))
        }
    }

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<Suban__V1__Envelope> {
        let m = arena.message(Suban__V1__Envelope.self, suban__v1__envelope__init)
        m.pointee.call_id = callID
        m.pointee.kind =
            kind == .request
            ? SUBAN__V1__ENVELOPE_KIND__ENVELOPE_KIND_REQUEST : SUBAN__V1__ENVELOPE_KIND__ENVELOPE_KIND_RESPONSE
        m.pointee.method = try arena.cString(method, field: "Envelope.method")
        m.pointee.body = arena.binary(body)
        m.pointee.status_code = status.c
        m.pointee.status_message = try arena.cString(statusMessage, field: "Envelope.status_message")
        (m.pointee.n_field_violations, m.pointee.field_violations) = try arena.repeated(fieldViolations) {
            (v) throws(WireError) in
            let c = arena.message(Suban__V1__FieldViolation.self, suban__v1__field_violation__init)
            c.pointee.field = try arena.cString(v.field, field: "FieldViolation.field")
            c.pointee.code = try arena.cString(v.code, field: "FieldViolation.code")
            c.pointee.message = try arena.cString(v.message, field: "FieldViolation.message")
            return c
        }
        (m.pointee.n_headers, m.pointee.headers) = try arena.repeated(headers) { (h) throws(WireError) in
            let c = arena.message(Suban__V1__Header.self, suban__v1__header__init)
            c.pointee.name = try arena.cString(h.name, field: "Header.name")
            c.pointee.value = try arena.cString(h.value, field: "Header.value")
            return c
        }
        return m
    }
}

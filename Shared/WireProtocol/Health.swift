import CProtobufC
import WireMessagesC

/// Whether a service is ready to serve calls.
public enum ServingStatus: String, Hashable, Sendable {
    case unknown
    case serving
    case notServing = "not_serving"

    init(c: Suban__V1__ServingStatus) {
        switch c {
        case SUBAN__V1__SERVING_STATUS__SERVING_STATUS_SERVING: self = .serving
        case SUBAN__V1__SERVING_STATUS__SERVING_STATUS_NOT_SERVING: self = .notServing
        default: self = .unknown
        }
    }

    var c: Suban__V1__ServingStatus {
        switch self {
        case .unknown: SUBAN__V1__SERVING_STATUS__SERVING_STATUS_UNKNOWN
        case .serving: SUBAN__V1__SERVING_STATUS__SERVING_STATUS_SERVING
        case .notServing: SUBAN__V1__SERVING_STATUS__SERVING_STATUS_NOT_SERVING
        }
    }
}

/// The request of the `health` method every service answers.
public struct HealthRequest: Hashable, Sendable {
    public init() {}
}

/// The answer to `health`: who is serving, which build, since when.
public struct HealthResponse: Hashable, Sendable {
    public var service: String
    public var status: ServingStatus
    public var version: String
    public var startedAtUnixMilliseconds: Int64
    public var uptimeMilliseconds: Int64

    public init(
        service: String,
        status: ServingStatus,
        version: String,
        startedAtUnixMilliseconds: Int64,
        uptimeMilliseconds: Int64
    ) {
        self.service = service
        self.status = status
        self.version = version
        self.startedAtUnixMilliseconds = startedAtUnixMilliseconds
        self.uptimeMilliseconds = uptimeMilliseconds
    }
}

extension HealthRequest: ProtobufCBacked {
    nonisolated(unsafe) static let descriptor: UnsafePointer<ProtobufCMessageDescriptor> = {
        var message = Suban__V1__HealthRequest()
        suban__v1__health_request__init(&message)
        return message.base.descriptor
    }()

    init(cMessage: UnsafePointer<Suban__V1__HealthRequest>) throws(WireError) {}

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<Suban__V1__HealthRequest> {
        arena.message(Suban__V1__HealthRequest.self, suban__v1__health_request__init)
    }
}

extension HealthResponse: ProtobufCBacked {
    nonisolated(unsafe) static let descriptor: UnsafePointer<ProtobufCMessageDescriptor> = {
        var message = Suban__V1__HealthResponse()
        suban__v1__health_response__init(&message)
        return message.base.descriptor
    }()

    init(cMessage c: UnsafePointer<Suban__V1__HealthResponse>) throws(WireError) {
        let m = c.pointee
        service = CField.string(m.service)
        status = ServingStatus(c: m.status)
        version = CField.string(m.version)
        startedAtUnixMilliseconds = m.started_at_unix_ms
        uptimeMilliseconds = m.uptime_ms
    }

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<Suban__V1__HealthResponse> {
        let m = arena.message(Suban__V1__HealthResponse.self, suban__v1__health_response__init)
        m.pointee.service = try arena.cString(service, field: "HealthResponse.service")
        m.pointee.status = status.c
        m.pointee.version = try arena.cString(version, field: "HealthResponse.version")
        m.pointee.started_at_unix_ms = startedAtUnixMilliseconds
        m.pointee.uptime_ms = uptimeMilliseconds
        return m
    }
}

import CProtobufC
import WireMessagesC

/// The request of the `stats` method every service answers.
public struct StatsRequest: Hashable, Sendable {
    public init() {}
}

/// Latency percentiles in microseconds.
public struct LatencySummary: Hashable, Sendable {
    public var p50Microseconds: Int64
    public var p90Microseconds: Int64
    public var p99Microseconds: Int64
    public var maxMicroseconds: Int64

    public init(p50Microseconds: Int64, p90Microseconds: Int64, p99Microseconds: Int64, maxMicroseconds: Int64) {
        self.p50Microseconds = p50Microseconds
        self.p90Microseconds = p90Microseconds
        self.p99Microseconds = p99Microseconds
        self.maxMicroseconds = maxMicroseconds
    }
}

/// Calls, errors and latency of one method.
public struct MethodStats: Hashable, Sendable {
    public var method: String
    public var calls: UInt64
    public var errors: UInt64
    public var latency: LatencySummary

    public init(method: String, calls: UInt64, errors: UInt64, latency: LatencySummary) {
        self.method = method
        self.calls = calls
        self.errors = errors
        self.latency = latency
    }
}

/// A level a service reports about its own work: orders stuck, entries waiting in an outbox.
public struct Gauge: Hashable, Sendable {
    public var name: String
    public var value: Int64

    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }
}

/// The answer to `stats`: what the service has served since it started.
public struct StatsResponse: Hashable, Sendable {
    public var service: String
    public var callsServed: UInt64
    public var errors: UInt64
    public var latency: LatencySummary
    public var methods: [MethodStats]
    public var openConnections: UInt32
    public var gauges: [Gauge]

    public init(
        service: String,
        callsServed: UInt64,
        errors: UInt64,
        latency: LatencySummary,
        methods: [MethodStats],
        openConnections: UInt32,
        gauges: [Gauge] = []
    ) {
        self.service = service
        self.callsServed = callsServed
        self.errors = errors
        self.latency = latency
        self.methods = methods
        self.openConnections = openConnections
        self.gauges = gauges
    }
}

extension StatsRequest: ProtobufCBacked {
    nonisolated(unsafe) static let descriptor: UnsafePointer<ProtobufCMessageDescriptor> = {
        var message = Suban__V1__StatsRequest()
        suban__v1__stats_request__init(&message)
        return message.base.descriptor
    }()

    init(cMessage: UnsafePointer<Suban__V1__StatsRequest>) throws(WireError) {}

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<Suban__V1__StatsRequest> {
        arena.message(Suban__V1__StatsRequest.self, suban__v1__stats_request__init)
    }
}

extension LatencySummary {
    init(c: UnsafePointer<Suban__V1__LatencySummary>?) {
        guard let m = c?.pointee else {
            self.init(p50Microseconds: 0, p90Microseconds: 0, p99Microseconds: 0, maxMicroseconds: 0)
            return
        }
        self.init(
            p50Microseconds: m.p50_us, p90Microseconds: m.p90_us, p99Microseconds: m.p99_us, maxMicroseconds: m.max_us)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Suban__V1__LatencySummary> {
        let m = arena.message(Suban__V1__LatencySummary.self, suban__v1__latency_summary__init)
        m.pointee.p50_us = p50Microseconds
        m.pointee.p90_us = p90Microseconds
        m.pointee.p99_us = p99Microseconds
        m.pointee.max_us = maxMicroseconds
        return m
    }
}

extension StatsResponse: ProtobufCBacked {
    nonisolated(unsafe) static let descriptor: UnsafePointer<ProtobufCMessageDescriptor> = {
        var message = Suban__V1__StatsResponse()
        suban__v1__stats_response__init(&message)
        return message.base.descriptor
    }()

    init(cMessage c: UnsafePointer<Suban__V1__StatsResponse>) throws(WireError) {
        let m = c.pointee
        service = CField.string(m.service)
        callsServed = m.calls_served
        errors = m.errors
        latency = LatencySummary(c: m.latency)
        methods = try CField.repeated(m.n_methods, m.methods) { s in
            MethodStats(
                method: CField.string(s.pointee.method),
                calls: s.pointee.calls,
                errors: s.pointee.errors,
                latency: LatencySummary(c: s.pointee.latency)
            )
        }
        openConnections = m.open_connections
        gauges = try CField.repeated(m.n_gauges, m.gauges) { g in
            Gauge(name: CField.string(g.pointee.name), value: g.pointee.value)
        }
    }

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<Suban__V1__StatsResponse> {
        let m = arena.message(Suban__V1__StatsResponse.self, suban__v1__stats_response__init)
        m.pointee.service = try arena.cString(service, field: "StatsResponse.service")
        m.pointee.calls_served = callsServed
        m.pointee.errors = errors
        m.pointee.latency = latency.cMessage(in: arena)
        (m.pointee.n_methods, m.pointee.methods) = try arena.repeated(methods) { (s) throws(WireError) in
            let c = arena.message(Suban__V1__MethodStats.self, suban__v1__method_stats__init)
            c.pointee.method = try arena.cString(s.method, field: "MethodStats.method")
            c.pointee.calls = s.calls
            c.pointee.errors = s.errors
            c.pointee.latency = s.latency.cMessage(in: arena)
            return c
        }
        m.pointee.open_connections = openConnections
        (m.pointee.n_gauges, m.pointee.gauges) = try arena.repeated(gauges) { (g) throws(WireError) in
            let c = arena.message(Suban__V1__Gauge.self, suban__v1__gauge__init)
            c.pointee.name = try arena.cString(g.name, field: "Gauge.name")
            c.pointee.value = g.value
            return c
        }
        return m
    }
}

import Foundation
import PlatformAdapter
import RPC
import Synchronization
import TestSupport
import Testing

/// One order's arrival as the services export it to an OTLP collector: the platform's push (with
/// a `traceparent` of its own), the gateway's HTTP span and its call to intake, intake's server
/// span, and what intake's work reaches in routing and SLA, all in the platform's trace, each
/// span under the one that caused it.
@Suite("System: one order's trace")
struct TraceSystemTests {
    static let pushKey = "platform-trace"
    static let pushSecret = "platform-trace-secret-01"
    static let traceID = "0af7651916cd43dd8448eb211c80319c"
    static let pushSpanID = "b7ad6b7169203331"
    /// OTLP's span kinds.
    static let server = 2
    static let client = 3
    static let producer = 4

    @Test(.timeLimit(.minutes(2)))
    func anOrdersArrivalIsOneTraceFromThePushThroughIntakeToRoutingAndSLA() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-trace-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let sink = try await OTLPSink.start()
        defer { sink.stop() }
        let traced = sink.serviceEnvironment.merging(["SUBAN_DATA_DIR": data]) { $1 }
        let (intakePort, slaPort) = (try await SystemTestPorts.free(), try await SystemTestPorts.free())
        var running: [ServiceProcess] = []
        var gateway: ChildProcess?
        do {
            let routing = try await ServiceProcess.launch(
                "suban-routing", environment: traced.merging(["SUBAN_ROUTING_PORT": "0"]) { $1 })
            running.append(routing)
            running.append(
                try await ServiceProcess.launch(
                    "suban-sla",
                    environment: traced.merging(["SUBAN_SLA_PORT": "\(slaPort)", "SUBAN_INTAKE_PORT": "\(intakePort)"])
                    { $1 }
                ))
            running.append(
                try await ServiceProcess.launch(
                    "suban-intake",
                    environment: traced.merging([
                        "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_SLA_PORT": "\(slaPort)",
                        "SUBAN_ROUTING_PORT": "\(routing.port)",
                    ]) { $1 }
                ))
            let edge = try await ChildProcess.launch(
                "suban-gateway",
                environment: traced.merging([
                    "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "0", "SUBAN_INTAKE_PORT": "\(intakePort)",
                    "SUBAN_ROUTING_PORT": "\(routing.port)",
                    "SUBAN_GATEWAY_PLATFORM_KEYS": "\(Self.pushKey):\(Self.pushSecret)",
                ]) { $1 })
            gateway = edge
            let httpPort = try await edge.port(after: "http-ready ")

            // Export is best effort (a batch an exporter cannot deliver is dropped, as OpenTelemetry
            // specifies), so a starved machine may lose one: a fresh order with a trace of its own
            // is pushed then, and one of them must arrive whole.
            let exported = ExportedSpans()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for await span in sink.spans { exported.append(span) } }
                var arrival: Arrival?
                for attempt in 1...3 where arrival == nil {
                    let traceID = attempt == 1 ? Self.traceID : TraceID.random()
                    let pushed = try await Self.push(order: "TRACE-\(attempt)", traceID: traceID, to: httpPort)
                    #expect(pushed.status == 201, "\(String(decoding: pushed.body, as: UTF8.self))")
                    _ = try await eventually(within: 30) { Self.arrival(in: exported.spans(of: traceID)) != nil }
                    arrival = Self.arrival(in: exported.spans(of: traceID))
                }
                group.cancelAll()
                #expect(exported.all.allSatisfy { $0.trace.count == 32 })
                let whole = try #require(arrival, "spans exported: \(exported.all)")
                #expect(whole.edge.name == "POST \(PlatformAPI.ordersPath)")
                #expect(whole.forward.parent == whole.edge.span)
                #expect(whole.submit.parent == whole.forward.span)
            }
        } catch {
            _ = await gateway?.stop()
            for process in running.reversed() { _ = await process.stop() }
            throw error
        }
        _ = await gateway?.stop()
        for process in running.reversed() { _ = await process.stop() }
    }

    /// Pushes an order signed as the platform, inside a platform span of the trace `traceID`.
    static func push(order number: String, traceID: String, to httpPort: Int) async throws -> HTTPPostClient.Response {
        let order = #"""
            {"order_no":"\#(number)","urgency":"urgent","kind":"complaint","topic":"wage_arrears",
             "content":"来电人反映在湖滨区某建筑工地务工，被拖欠三个月工资。","address":"三门峡市湖滨区",
             "caller":{"name":"张三","phone":"13812345678"},"dispatched_at":"2026-11-27T09:30:00+08:00"}
            """#
        return try await HTTPPostClient().postSigned(
            to: HTTPEndpoint(host: "127.0.0.1", port: httpPort), path: PlatformAPI.ordersPath, body: Array(order.utf8),
            appKey: pushKey, secret: pushSecret,
            traceHeaders: ["traceparent": "00-\(traceID)-\(pushSpanID)-01"]
        )
    }

    /// The spans the sink has reported so far.
    final class ExportedSpans: Sendable {
        private let spans = Mutex<[OTLPSink.Span]>([])

        func append(_ span: OTLPSink.Span) { spans.withLock { $0.append(span) } }
        func spans(of trace: String) -> [OTLPSink.Span] { spans.withLock { $0.filter { $0.trace == trace } } }
        var all: [OTLPSink.Span] { spans.withLock { $0 } }
    }

    struct Arrival {
        var edge: OTLPSink.Span
        var forward: OTLPSink.Span
        var submit: OTLPSink.Span
    }

    /// The arrival's spans once every one is there: the gateway's HTTP span under the push, its
    /// client call to intake, intake's server span under that with its SQLite write transaction,
    /// a server span in routing that descends from intake's, and one in SLA that descends from the
    /// delivery of intake's outbox entry, itself under intake's server span.
    static func arrival(in spans: [OTLPSink.Span]) -> Arrival? {
        let byID = Dictionary(spans.map { ($0.span, $0) }, uniquingKeysWith: { first, _ in first })
        func descends(_ span: OTLPSink.Span, from ancestor: OTLPSink.Span) -> Bool {
            var current = span
            while let parent = byID[current.parent] {
                if parent.span == ancestor.span { return true }
                current = parent
            }
            return false
        }
        guard
            let edge = spans.first(where: {
                $0.service == "suban-gateway" && $0.kind == server && $0.parent == pushSpanID
            }),
            let forward = spans.first(where: {
                $0.service == "suban-gateway" && $0.kind == client && $0.name == "intake.submit"
            }),
            let submit = spans.first(where: {
                $0.service == "suban-intake" && $0.kind == server && $0.name == "intake.submit"
            }),
            spans.contains(where: {
                $0.service == "suban-intake" && $0.name == "transaction intake" && $0.parent == submit.span
            }),
            spans.contains(where: { $0.service == "suban-routing" && $0.kind == server && descends($0, from: submit) }),
            let delivery = spans.first(where: {
                $0.service == "suban-intake" && $0.kind == producer && descends($0, from: submit)
            }),
            spans.contains(where: { $0.service == "suban-sla" && $0.kind == server && descends($0, from: delivery) })
        else { return nil }
        return Arrival(edge: edge, forward: forward, submit: submit)
    }
}

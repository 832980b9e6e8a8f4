import NIOCore
import NIOPosix
import PlatformAdapter
import Testing

@testable import GatewayCore

/// The bound on requests in progress over HTTP (issue 18): a request whose body has not arrived
/// holds its place, so that with one place and no room to wait the next request hears 503 with
/// Retry-After and nothing is kept; once the place is free, requests are let in again.
@Suite("Gateway admission over HTTP")
struct AdmissionHTTPTests {
    @Test func aFullGatewayAnswers503WithRetryAfterAndLetsRequestsInOnceAPlaceIsFree() async throws {
        try await GatewayFixture.run({ $0.admission = .init(limit: 1, maximumWaiting: 0, maximumWait: .zero) }) {
            gateway in
            // Headers and the first byte of a body that never comes: admitted, waiting for its body.
            let holding = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: gateway.httpPort).get()
            let head = "POST \(PlatformAPI.ordersPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"
            try await holding.writeAndFlush(ByteBuffer(string: head)).get()

            var refused: HTTPPostClient.Response?
            for _ in 0..<200 where refused == nil {
                let response = try await gateway.send(PlatformAPI.ordersPath, Array("{}".utf8))
                if response.status == 503 { refused = response }
            }
            let answer = try #require(refused, "no request was refused while the only place was held")
            let retryAfter = answer.headers.first { $0.name.lowercased() == "retry-after" }?.value
            #expect(retryAfter == "1")
            #expect(String(decoding: answer.body, as: UTF8.self).contains("temporarily_unavailable"))

            try await holding.close().get()
            var admitted = false
            for _ in 0..<200 where !admitted {
                admitted = try await gateway.send(PlatformAPI.ordersPath, Array("{}".utf8)).status != 503
            }
            #expect(admitted, "the place was not given back when the held request ended")
        }
    }
}

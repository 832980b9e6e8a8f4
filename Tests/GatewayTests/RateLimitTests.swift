import Foundation
import GRDB
import PlatformAdapter
import Testing

@testable import GatewayCore

/// Issue 16.1: requests over the limit of their source address or of their app key get 429
/// `too_many_requests` with `Retry-After` in whole seconds, before anything is kept; those under
/// it pass. Limits of a few requests an hour, so that no token comes back while a test runs.
@Suite("Rate limits")
struct RateLimitTests {
    let path = PlatformAPI.ordersPath

    static func retryAfter(_ response: HTTPPostClient.Response) -> String? {
        response.headers.first { $0.name.lowercased() == "retry-after" }?.value
    }

    @Test func anUnauthenticatedFloodIsLimitedPerSourceAddressAndNotKept() async throws {
        try await GatewayFixture.run({ $0.unauthenticatedLimit = .init(perMinute: 1, burst: 3) }) { gateway in
            var statuses: [Int] = []
            var last: HTTPPostClient.Response?
            for _ in 0..<5 {
                let response = try await gateway.client.post(
                    to: gateway.endpoint, target: path, headers: [], body: Array("{}".utf8))
                statuses.append(response.status)
                last = response
            }
            #expect(statuses == [401, 401, 401, 429, 429])
            let refused = try #require(last)
            #expect(JSONValue.parse(refused.body)?.errorCode == "too_many_requests")
            let seconds = try #require(Self.retryAfter(refused).flatMap { Int($0) })
            #expect((1...60).contains(seconds))
            #expect(try gateway.inbox().count == 3, "a refused-for-rate request is not kept")
            let signed = try await gateway.send(path, GatewayFixture.order("RATE-0").encoded())
            #expect(signed.status == 429, "the address waits, whoever signs")
        }
    }

    @Test func requestsUnderTheSourceLimitPassAndTheNextIsRefused() async throws {
        try await GatewayFixture.run({ $0.sourceLimit = .init(perMinute: 1, burst: 2) }) { gateway in
            let first = try await gateway.send(path, GatewayFixture.order("SRC-1").encoded())
            let second = try await gateway.send(path, GatewayFixture.order("SRC-2").encoded())
            let third = try await gateway.send(path, GatewayFixture.order("SRC-3").encoded())
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(third.status == 429)
            #expect(Self.retryAfter(third).flatMap { Int($0) }.map { (1...60).contains($0) } == true)
            #expect(gateway.intake.submits.count == 2)
        }
    }

    @Test func signedRequestsUnderTheAppKeysLimitPassAndTheNextIsRefused() async throws {
        try await GatewayFixture.run({ $0.appKeyLimit = .init(perMinute: 1, burst: 2) }) { gateway in
            let first = try await gateway.send(path, GatewayFixture.order("RATE-1").encoded())
            let second = try await gateway.send(path, GatewayFixture.order("RATE-2").encoded())
            let third = try await gateway.send(path, GatewayFixture.order("RATE-3").encoded())
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(third.status == 429)
            #expect(JSONValue.parse(third.body)?.errorCode == "too_many_requests")
            #expect(Self.retryAfter(third).flatMap { Int($0) }.map { (1...60).contains($0) } == true)
            #expect(gateway.intake.submits.count == 2, "the refused order reaches no intake")
            #expect(try gateway.inbox().count == 2)
            // Another key has its own bucket.
            let hotline = try await gateway.send(
                PlatformAPI.hotline12333OrdersPath, GatewayFixture.order("RATE-4").encoded(),
                key: GatewayFixture.hotlineKey,
                secret: GatewayFixture.hotlineSecret)
            #expect(hotline.status == 201)
        }
    }

    @Test func theLimitsAreReadFromTheEnvironmentWithDocumentedDefaults() throws {
        let defaults = try GatewayConfiguration(environment: [:], rpcPort: 0)
        #expect(defaults.sourceLimit == .init(perMinute: 12_000, burst: 2_000))
        #expect(defaults.appKeyLimit == .init(perMinute: 12_000, burst: 2_000))
        #expect(defaults.unauthenticatedLimit == .init(perMinute: 60, burst: 30))
        let configured = try GatewayConfiguration(
            environment: [
                "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE": "30", "SUBAN_GATEWAY_SOURCE_BURST": "5",
                "SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE": "90", "SUBAN_GATEWAY_APP_KEY_BURST": "7",
                "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE": "3", "SUBAN_GATEWAY_UNAUTHENTICATED_BURST": "2",
            ],
            rpcPort: 0
        )
        #expect(configured.sourceLimit == .init(perMinute: 30, burst: 5))
        #expect(configured.appKeyLimit == .init(perMinute: 90, burst: 7))
        #expect(configured.unauthenticatedLimit == .init(perMinute: 3, burst: 2))
        #expect(configured.effectiveConfiguration.contains("SUBAN_GATEWAY_APP_KEY_BURST=7"))
        #expect(throws: GatewayConfiguration.ConfigurationError.self) {
            try GatewayConfiguration(environment: ["SUBAN_GATEWAY_SOURCE_BURST": "0"], rpcPort: 0)
        }
    }

    @Test func behindATrustedProxyTheClientsAddressIsLimitedAndKept() async throws {
        try await GatewayFixture.run({
            $0.unauthenticatedLimit = .init(perMinute: 1, burst: 1)
            $0.trustedProxies = ["127.0.0.1"]
        }) { gateway in
            func unsigned(from client: String) async throws -> Int {
                try await gateway.postRaw(
                    path, Array("{}".utf8), headers: [("X-Forwarded-For", "198.51.100.9, \(client)")]
                ).status
            }
            #expect(try await unsigned(from: "203.0.113.5") == 401)
            #expect(try await unsigned(from: "203.0.113.5") == 429)
            #expect(
                try await unsigned(from: "203.0.113.6") == 401,
                "another client behind the same proxy has its own bucket")
            let sources = try await gateway.database.read { db in
                try String.fetchAll(db, sql: "SELECT source_address FROM inbox ORDER BY id")
            }
            #expect(sources == ["203.0.113.5", "203.0.113.6"])
        }
    }

    @Test func onlyATrustedPeerIsBelievedAboutTheClient() {
        let proxies: Set<String> = ["10.0.0.2"]
        #expect(
            SourceAddress.resolve(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 5.6.7.8", trustedProxies: proxies)
                == "5.6.7.8")
        #expect(SourceAddress.resolve(peer: "10.0.0.3", forwardedFor: "5.6.7.8", trustedProxies: proxies) == "10.0.0.3")
        #expect(SourceAddress.resolve(peer: "10.0.0.2", forwardedFor: nil, trustedProxies: proxies) == "10.0.0.2")
        #expect(SourceAddress.resolve(peer: "10.0.0.2", forwardedFor: " ", trustedProxies: proxies) == "10.0.0.2")
    }

    @Test func aBucketRefillsWithTimeAndSaysWhenInWholeSeconds() {
        var bucket = TokenBucket(limit: .init(perMinute: 6, burst: 2), now: 1000)
        #expect(bucket.take(now: 1000) == .allowed)
        #expect(bucket.take(now: 1000) == .allowed)
        #expect(bucket.take(now: 1000) == .refused(retryAfterSeconds: 10))
        #expect(bucket.take(now: 1004.5) == .refused(retryAfterSeconds: 6))
        #expect(bucket.take(now: 1010) == .allowed)
        #expect(bucket.take(now: 1010) == .refused(retryAfterSeconds: 10))
        #expect(bucket.isFull(now: 1030))
        #expect(bucket.take(now: 900) == .refused(retryAfterSeconds: 10), "a clock going back gives no tokens")
    }

    @Test func aCheckedLimitIsChargedOnlyWhenTold() {
        let limiter = RateLimiter(limit: .init(perMinute: 60, burst: 2))
        #expect(limiter.check("a", now: 0).decision == .allowed)
        #expect(limiter.check("a", now: 0).decision == .allowed, "looking takes nothing")
        limiter.charge("a", now: 0)
        limiter.charge("a", now: 0)
        limiter.charge("a", now: 0)
        #expect(limiter.check("a", now: 0).decision == .refused(retryAfterSeconds: 1))
        #expect(limiter.check("a", now: 1).decision == .allowed)
    }

    @Test func theLimiterForgetsFullBucketsBeforeGrowingPastItsBound() {
        let limiter = RateLimiter(limit: .init(perMinute: 60, burst: 1), maximumKeys: 3)
        for address in ["a", "b", "c"] { #expect(limiter.take(address, now: 0).decision == .allowed) }
        #expect(limiter.take("a", now: 0) == .init(decision: .refused(retryAfterSeconds: 1), startsRefusing: true))
        #expect(limiter.take("a", now: 0).startsRefusing == false, "a run of refusals is logged once")
        #expect(limiter.take("d", now: 10).decision == .allowed)
        #expect(limiter.keyCount <= 3)
    }
}

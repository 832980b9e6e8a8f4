import Outbox
import PlatformAdapter
import ServiceDirectory
import ServiceKit

/// The gateway's configuration beyond `ServiceEnvironment`'s, from environment variables with
/// documented defaults (README, "The 12345 platform edge"). Secrets come only from here, never
/// from the repository, and are masked when printed.
struct GatewayConfiguration: Sendable {
    typealias ConfigurationError = ServiceEnvironment.ConfigurationError

    /// `SUBAN_GATEWAY_HTTP_HOST`, default 127.0.0.1.
    var httpHost = "127.0.0.1"
    /// `SUBAN_GATEWAY_HTTP_PORT`, default 8080; 0 picks a free port, and so does leaving it unset
    /// while `SUBAN_GATEWAY_PORT` is 0 (a test run that asks for free ports gets them everywhere).
    var httpPort = 8080
    /// `SUBAN_GATEWAY_PLATFORM_KEYS`: app keys the 12345 platform may sign with.
    var platformKeys = PlatformCredentials()
    /// `SUBAN_GATEWAY_12333_KEYS`: app keys the 12333 line's system may sign with.
    var hotline12333Keys = PlatformCredentials()
    /// `SUBAN_GATEWAY_PLATFORM_URL`: where outbound messages go; unset, they wait in the outbox.
    var platformURL: HTTPEndpoint?
    /// `SUBAN_GATEWAY_OUTBOUND_KEY` / `SUBAN_GATEWAY_OUTBOUND_SECRET`: how the gateway signs.
    var outboundKey = ""
    var outboundSecret = ""
    /// `SUBAN_GATEWAY_MAX_BODY_BYTES`, default 65536.
    var maximumBodyBytes = 64 << 10
    /// `SUBAN_GATEWAY_SIGNATURE_WINDOW_SECONDS`, default 300: how far a timestamp may be from now.
    var signatureWindowSeconds: Int64 = 300
    /// `SUBAN_SMTP_HOST` / `SUBAN_SMTP_PORT` / `SUBAN_SMTP_FROM`; no host: emails wait in the outbox.
    var smtpHost = ""
    var smtpPort = 25
    var smtpFrom = "suban@localhost"
    /// `SUBAN_SMTP_TLS` / `_USER` / `_PASSWORD` (or `_PASSWORD_FILE`) / `_AUTH` / `_CA_FILE` /
    /// `_ALLOW_PLAIN_AUTH`: STARTTLS and login (GatewayConfiguration+SMTP.swift).
    var smtpSecurity = SMTPClient.Security.none
    var smtpUser = ""
    var smtpPassword = ""
    var smtpAuthMechanism: SMTPClient.AuthenticationMechanism?
    var smtpCAFile = ""
    var smtpAllowsPlainAuthentication = false
    /// `SUBAN_GATEWAY_RETRY_INITIAL_MS` / `SUBAN_GATEWAY_RETRY_MAX_MS`: the outboxes' backoff.
    var retryInitialMilliseconds = 1_000
    var retryMaximumMilliseconds = 300_000
    /// `SUBAN_GATEWAY_FAILING_AFTER`: attempts after which an entry is listed as failing.
    var failingAfterAttempts = 5
    /// `SUBAN_GATEWAY_NOTIFY_LADDER`: who is mailed for each kind of notification, over the shipped ladder.
    var notificationLadder = NotificationLadder.shipped

    // The inbound edge under abuse (issue 16.1): rate limits and the retention of raw bodies.
    /// `SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE` / `SUBAN_GATEWAY_SOURCE_BURST`, default 12000 / 2000:
    /// requests from one source address, checked before the body is read. Generous: behind a
    /// proxy every request comes from one address, and the load test pushes 100 orders a second.
    var sourceLimit = TokenBucket.Limit(perMinute: 12_000, burst: 2_000)
    /// `SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE` / `SUBAN_GATEWAY_APP_KEY_BURST`, default 12000 / 2000:
    /// requests of one verified app key, checked before anything is kept or forwarded.
    var appKeyLimit = TokenBucket.Limit(perMinute: 12_000, burst: 2_000)
    /// `SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE` / `SUBAN_GATEWAY_UNAUTHENTICATED_BURST`,
    /// default 60 / 30: requests from one source address that fail authentication; beyond it every
    /// request from there waits, before its body is read. This is what holds an unsigned flood.
    var unauthenticatedLimit = TokenBucket.Limit(perMinute: 60, burst: 30)
    /// `SUBAN_GATEWAY_INBOX_RETENTION_DAYS`, default 180: how long the inbox keeps raw bodies.
    var inboxRetentionDays = 180
    /// `SUBAN_GATEWAY_TRUSTED_PROXIES`, comma-separated peer addresses, default none: reverse
    /// proxies whose `X-Forwarded-For` names the client for the per-source limits (`SourceAddress`).
    var trustedProxies: Set<String> = []
    /// `SUBAN_GATEWAY_MAX_IN_FLIGHT` (default 256), `SUBAN_GATEWAY_MAX_WAITING` (default 1024) and
    /// `SUBAN_GATEWAY_MAX_WAIT_MS` (default 2000): requests read and forwarded at once, requests
    /// waiting for a place, and how long one waits before it hears 503 with Retry-After. They bound
    /// the gateway's memory under any load (issue 18).
    var admission = PlatformHTTPServer.AdmissionGate.Configuration()

    init() {}

    /// The block above, read from `environment`.
    private mutating func readEdgeLimits(_ environment: [String: String]) throws(ConfigurationError) {
        sourceLimit = TokenBucket.Limit(
            perMinute: try Self.integer(
                environment, "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE", default: sourceLimit.perMinute, in: 1...1_000_000),
            burst: try Self.integer(
                environment, "SUBAN_GATEWAY_SOURCE_BURST", default: sourceLimit.burst, in: 1...1_000_000)
        )
        appKeyLimit = TokenBucket.Limit(
            perMinute: try Self.integer(
                environment, "SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE", default: appKeyLimit.perMinute, in: 1...1_000_000),
            burst: try Self.integer(
                environment, "SUBAN_GATEWAY_APP_KEY_BURST", default: appKeyLimit.burst, in: 1...1_000_000)
        )
        unauthenticatedLimit = TokenBucket.Limit(
            perMinute: try Self.integer(
                environment, "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE", default: unauthenticatedLimit.perMinute,
                in: 1...1_000_000),
            burst: try Self.integer(
                environment, "SUBAN_GATEWAY_UNAUTHENTICATED_BURST", default: unauthenticatedLimit.burst,
                in: 1...1_000_000)
        )
        inboxRetentionDays = try Self.integer(
            environment, "SUBAN_GATEWAY_INBOX_RETENTION_DAYS", default: inboxRetentionDays, in: 1...3650)
        admission.limit = try Self.integer(
            environment, "SUBAN_GATEWAY_MAX_IN_FLIGHT", default: admission.limit, in: 1...100_000)
        admission.maximumWaiting = try Self.integer(
            environment, "SUBAN_GATEWAY_MAX_WAITING", default: admission.maximumWaiting, in: 0...1_000_000)
        admission.maximumWait = .milliseconds(
            try Self.integer(
                environment, "SUBAN_GATEWAY_MAX_WAIT_MS", default: Int(admission.maximumWaitMilliseconds),
                in: 0...600_000))
        trustedProxies = Set(
            (environment["SUBAN_GATEWAY_TRUSTED_PROXIES"] ?? "").split(separator: ",").map {
                String($0.filter { !$0.isWhitespace })
            }
            .filter { !$0.isEmpty })
    }

    private var edgeLimitsConfiguration: [String] {
        [
            "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE=\(sourceLimit.perMinute)",
            "SUBAN_GATEWAY_SOURCE_BURST=\(sourceLimit.burst)",
            "SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE=\(appKeyLimit.perMinute)",
            "SUBAN_GATEWAY_APP_KEY_BURST=\(appKeyLimit.burst)",
            "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE=\(unauthenticatedLimit.perMinute)",
            "SUBAN_GATEWAY_UNAUTHENTICATED_BURST=\(unauthenticatedLimit.burst)",
            "SUBAN_GATEWAY_INBOX_RETENTION_DAYS=\(inboxRetentionDays)",
            "SUBAN_GATEWAY_TRUSTED_PROXIES=\(trustedProxies.sorted().joined(separator: ","))",
            "SUBAN_GATEWAY_MAX_IN_FLIGHT=\(admission.limit)",
            "SUBAN_GATEWAY_MAX_WAITING=\(admission.maximumWaiting)",
            "SUBAN_GATEWAY_MAX_WAIT_MS=\(admission.maximumWaitMilliseconds)",
        ]
    }

    init(environment: [String: String], rpcPort: Int) throws(ConfigurationError) {
        httpHost = environment["SUBAN_GATEWAY_HTTP_HOST"] ?? httpHost
        if httpHost.isEmpty {
            throw ConfigurationError(variable: "SUBAN_GATEWAY_HTTP_HOST", value: "", expected: "a host name or address")
        }
        httpPort = try Self.integer(
            environment, "SUBAN_GATEWAY_HTTP_PORT", default: rpcPort == 0 ? 0 : 8080, in: 0...65535)
        platformKeys = try Self.credentials(environment, "SUBAN_GATEWAY_PLATFORM_KEYS")
        hotline12333Keys = try Self.credentials(environment, "SUBAN_GATEWAY_12333_KEYS")
        if let url = environment["SUBAN_GATEWAY_PLATFORM_URL"], !url.isEmpty {
            guard let endpoint = HTTPEndpoint(url) else {
                throw ConfigurationError(
                    variable: "SUBAN_GATEWAY_PLATFORM_URL", value: url,
                    expected: "http://host[:port][/path] (TLS is the proxy's)")
            }
            platformURL = endpoint
        }
        outboundKey = environment["SUBAN_GATEWAY_OUTBOUND_KEY"] ?? ""
        outboundSecret = environment["SUBAN_GATEWAY_OUTBOUND_SECRET"] ?? ""
        if platformURL != nil, outboundKey.isEmpty || outboundSecret.count < 16 {
            throw ConfigurationError(
                variable: "SUBAN_GATEWAY_OUTBOUND_SECRET", value: PlatformCredentials.mask(outboundSecret),
                expected:
                    "SUBAN_GATEWAY_OUTBOUND_KEY and a secret of at least 16 characters when SUBAN_GATEWAY_PLATFORM_URL is set"
            )
        }
        maximumBodyBytes = try Self.integer(
            environment, "SUBAN_GATEWAY_MAX_BODY_BYTES", default: maximumBodyBytes, in: 1024...(16 << 20))
        signatureWindowSeconds = Int64(
            try Self.integer(environment, "SUBAN_GATEWAY_SIGNATURE_WINDOW_SECONDS", default: 300, in: 10...3600))
        smtpHost = environment["SUBAN_SMTP_HOST"] ?? ""
        smtpPort = try Self.integer(environment, "SUBAN_SMTP_PORT", default: 25, in: 1...65535)
        smtpFrom = environment["SUBAN_SMTP_FROM"] ?? smtpFrom
        guard smtpFrom.contains("@"), !smtpFrom.contains(where: { $0 == "<" || $0 == ">" || $0.isWhitespace }) else {
            throw ConfigurationError(variable: "SUBAN_SMTP_FROM", value: smtpFrom, expected: "an email address")
        }
        try readSMTPSecurity(from: environment)
        retryInitialMilliseconds = try Self.integer(
            environment, "SUBAN_GATEWAY_RETRY_INITIAL_MS", default: 1_000, in: 10...600_000)
        retryMaximumMilliseconds = try Self.integer(
            environment, "SUBAN_GATEWAY_RETRY_MAX_MS", default: 300_000, in: retryInitialMilliseconds...86_400_000)
        failingAfterAttempts = try Self.integer(environment, "SUBAN_GATEWAY_FAILING_AFTER", default: 5, in: 1...1000)
        notificationLadder = try NotificationLadder.shipped.overridden(
            by: environment["SUBAN_GATEWAY_NOTIFY_LADDER"] ?? "")
        try readEdgeLimits(environment)
    }

    /// Printed at start as `config NAME=value`, secrets masked.
    var effectiveConfiguration: [String] {
        [
            "SUBAN_GATEWAY_HTTP_HOST=\(httpHost)",
            "SUBAN_GATEWAY_HTTP_PORT=\(httpPort)",
            "SUBAN_GATEWAY_PLATFORM_KEYS=\(platformKeys)",
            "SUBAN_GATEWAY_12333_KEYS=\(hotline12333Keys)",
            "SUBAN_GATEWAY_PLATFORM_URL=\(platformURL?.description ?? "")",
            "SUBAN_GATEWAY_OUTBOUND_KEY=\(outboundKey)",
            "SUBAN_GATEWAY_OUTBOUND_SECRET=\(PlatformCredentials.mask(outboundSecret))",
            "SUBAN_GATEWAY_MAX_BODY_BYTES=\(maximumBodyBytes)",
            "SUBAN_GATEWAY_SIGNATURE_WINDOW_SECONDS=\(signatureWindowSeconds)",
            "SUBAN_SMTP_HOST=\(smtpHost)",
            "SUBAN_SMTP_PORT=\(smtpPort)",
            "SUBAN_SMTP_FROM=\(smtpFrom)",
            "SUBAN_SMTP_TLS=\(smtpSecurity.rawValue)",
            "SUBAN_SMTP_USER=\(smtpUser)",
            "SUBAN_SMTP_PASSWORD=\(PlatformCredentials.mask(smtpPassword))",
            "SUBAN_SMTP_AUTH=\(smtpAuthMechanism?.rawValue.lowercased() ?? "")",
            "SUBAN_SMTP_CA_FILE=\(smtpCAFile)",
            "SUBAN_SMTP_ALLOW_PLAIN_AUTH=\(smtpAllowsPlainAuthentication ? 1 : 0)",
            "SUBAN_GATEWAY_RETRY_INITIAL_MS=\(retryInitialMilliseconds)",
            "SUBAN_GATEWAY_RETRY_MAX_MS=\(retryMaximumMilliseconds)",
            "SUBAN_GATEWAY_FAILING_AFTER=\(failingAfterAttempts)",
            "SUBAN_GATEWAY_NOTIFY_LADDER=\(notificationLadder.description)",
        ] + edgeLimitsConfiguration
    }

    /// Backoff of an entry the receiver failed, and probes at most every 3 seconds (or the
    /// maximum backoff, when shorter) while the platform or the mail server cannot be reached.
    var retryPolicy: OutboxRetryPolicy {
        let maximum = Duration.milliseconds(retryMaximumMilliseconds)
        return OutboxRetryPolicy(
            initialDelay: .milliseconds(retryInitialMilliseconds),
            maximumDelay: maximum,
            maximumProbeInterval: min(maximum, .seconds(3)),
            failingAfter: failingAfterAttempts
        )
    }

    private static func integer(
        _ environment: [String: String], _ variable: String, default value: Int, in range: ClosedRange<Int>
    ) throws(ConfigurationError) -> Int {
        guard let text = environment[variable] else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw ConfigurationError(
                variable: variable, value: text, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }

    private static func credentials(_ environment: [String: String], _ variable: String) throws(ConfigurationError)
        -> PlatformCredentials
    {
        guard let text = environment[variable], !text.isEmpty else { return PlatformCredentials() }
        do {
            return try PlatformCredentials(parsing: text)
        } catch {
            // The value holds secrets: name the problem, never echo it.
            throw ConfigurationError(variable: variable, value: "(hidden)", expected: error.description)
        }
    }
}

import Foundation
import NIOCore
import PlatformAdapter
import RPC
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// Notifications reach a real SMTP server (aiosmtpd on 127.0.0.1) as readable UTF-8 mail, to the
/// accounts holding the unit's posts; while the server or the console is down they wait and are
/// retried.
@Suite("Email notifications", .serialized)
struct EmailDeliveryTests {
    static func notification(_ id: String, kind: String = "transfer_slip", recipients: [String] = [])
        -> Wire.NotifyRequest
    {
        Wire.NotifyRequest(
            notification: Wire.Notification(
                notificationId: id, kind: kind, orderId: "WO-1", unit: "employment_office", recipients: recipients,
                subject: "【交办单】12345 工单 SMX-001（紧急）",
                body: "三门峡市12345热线办理交办单\n\n工单编号：SMX-001\n.以点开头的一行\n诉求人：张*，电话 138****5678\n"
            ))
    }

    static func context() -> ServerContext {
        ServerContext(
            method: "gateway.notify", callID: 1, deadline: NIODeadline.now() + TimeAmount.seconds(5), traceID: "t",
            logger: .quiet)
    }

    @Test func aTransferSlipGoesToTheDeputyLeaderAndTheHeadAsReadableMail() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await GatewayFixture.run({
            $0.smtpHost = "127.0.0.1"
            $0.smtpPort = sink.port
            $0.smtpFrom = "suban@bureau.example.cn"
        }) { gateway in
            #expect(try await gateway.handlers.notify(Self.notification("n1"), Self.context()).enqueued)
            #expect(try await gateway.handlers.notify(Self.notification("n1"), Self.context()).enqueued == false)
            var messages = sink.messages.makeAsyncIterator()
            let mail = try #require(await messages.next())
            #expect(mail.to == ["deputy@bureau.example.cn", "head@employment.example.cn"])
            #expect(mail.from == "suban@bureau.example.cn")
            #expect(mail.subject == "【交办单】12345 工单 SMX-001（紧急）")
            #expect(mail.charset == "utf-8")
            let body = mail.body
            #expect(body.contains("三门峡市12345热线办理交办单"))
            #expect(body.contains("\n.以点开头的一行"))  // dot-stuffing undone by the server
            #expect(!body.contains("13812345678"))
        }
    }

    @Test func aReminderGoesToTheLiaison() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await GatewayFixture.run({
            $0.smtpHost = "127.0.0.1"
            $0.smtpPort = sink.port
        }) { gateway in
            _ = try await gateway.handlers.notify(Self.notification("r1", kind: "reminder"), Self.context())
            var messages = sink.messages.makeAsyncIterator()
            let mail = try #require(await messages.next())
            #expect(mail.to == ["liaison@employment.example.cn"])
        }
    }

    @Test func theDailyDigestGoesToTheUnitHeadWithoutAnOrder() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await GatewayFixture.run({
            $0.smtpHost = "127.0.0.1"
            $0.smtpPort = sink.port
        }) { gateway in
            var digest = Self.notification("digest/2026-03-09/employment_office", kind: "daily_digest")
            digest.notification?.orderId = ""
            digest.notification?.subject = "【每日考评】就业办 2026-03-09：983 分，第 3 名"
            #expect(try await gateway.handlers.notify(digest, Self.context()).enqueued)
            var messages = sink.messages.makeAsyncIterator()
            let mail = try #require(await messages.next())
            #expect(mail.to == ["head@employment.example.cn"])
            #expect(mail.subject == "【每日考评】就业办 2026-03-09：983 分，第 3 名")
        }
    }

    @Test func anOrderNotificationStillNeedsItsOrder() async throws {
        try await GatewayFixture.run { gateway in
            var reminder = Self.notification("r-no-order", kind: "reminder")
            reminder.notification?.orderId = ""
            await #expect(throws: RPCError.self) { try await gateway.handlers.notify(reminder, Self.context()) }
        }
    }

    @Test func aBadAddressIsRefused() async throws {
        try await GatewayFixture.run { gateway in
            let bad = Self.notification("u2", recipients: ["not an address"])
            await #expect(throws: RPCError.self) { try await gateway.handlers.notify(bad, Self.context()) }
            let entries = try await gateway.handlers.list(Wire.ListOutboxRequest()).entries
            #expect(entries.isEmpty)
        }
    }

    @Test func aNotificationForAUnitWithoutAddressesIsKeptAsGivenUpNotLost() async throws {
        try await GatewayFixture.run { gateway in
            var unknown = Self.notification("u1")
            unknown.notification?.unit = "nowhere"
            #expect(try await gateway.handlers.notify(unknown, Self.context()).enqueued)
            let givenUp = try await gateway.handlers.list(Wire.ListOutboxRequest(state: "given_up")).entries
            #expect(givenUp.count == 1)
            #expect(givenUp.first?.lastError.contains("nowhere") == true)
            #expect(givenUp.first?.nextAttemptUnixMs == 0)  // held until someone retries it
        }
    }

    @Test func mailWaitsOutAnSMTPOutageAndIsDeliveredOnce() async throws {
        // A free port below the ephemeral range, left closed: the relay is down (and no server
        // another test starts on port 0 can take it before the sink comes up on it below).
        let port = try await SystemTestPorts.free()
        try await GatewayFixture.run({
            $0.smtpHost = "127.0.0.1"
            $0.smtpPort = port
        }) { gateway in
            _ = try await gateway.handlers.notify(
                Self.notification("o1", recipients: ["someone@bureau.example.cn"]), Self.context())
            var attempts = gateway.attempts.makeAsyncIterator()
            let failed = try #require(await attempts.next())
            #expect(failed.2 == false)
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest()).entries.first?.lastError.isEmpty == false)
            let sink = try await SMTPSink.start(port: port)
            defer { sink.stop() }
            var messages = sink.messages.makeAsyncIterator()
            let mail = try #require(await messages.next())
            #expect(mail.to == ["someone@bureau.example.cn"])
            while let attempt = await attempts.next(), !attempt.2 {}
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest(state: "delivered")).entries.count == 1)
        }
    }

    @Test func aNotificationWhileTheConsoleIsDownIsMailedOnceItAnswers() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let answering = Mutex(false)
        var console = RPCRouter()
        console.register("console.contacts") { (request: Wire.ContactsRequest, _) in
            guard answering.withLock({ $0 }) else { throw RPCError(.unavailable, "the console is restarting") }
            return Wire.ContactsResponse(
                accounts: GatewayFixture.accounts.filter { $0.unit == request.unit && $0.roles.contains("liaison") })
        }
        try await GatewayFixture.run(
            {
                $0.smtpHost = "127.0.0.1"
                $0.smtpPort = sink.port
            }, console: console
        ) { gateway in
            // Accepted rather than refused: intake's outbox must not wait for the console.
            #expect(
                try await gateway.handlers.notify(Self.notification("c1", kind: "reminder"), Self.context()).enqueued)
            var attempts = gateway.attempts.makeAsyncIterator()
            #expect(try #require(await attempts.next()).2 == false)
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest(state: "given_up")).entries.isEmpty)
            answering.withLock { $0 = true }
            var messages = sink.messages.makeAsyncIterator()
            let mail = try #require(await messages.next())
            #expect(mail.to == ["liaison@employment.example.cn"])
            while let attempt = await attempts.next(), !attempt.2 {}
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest(state: "delivered")).entries.count == 1)
        }
    }
}

import Domain
import Foundation
import GRDB
import RPC
import Synchronization
import Testing
import WireProtocol

@testable import IntakeCore

@Suite("Intake: an order through its lifecycle")
struct LifecycleTests {
    @Test func fromSubmitToCloseEveryStepIsLoggedAndTheLogReplays() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft(urgency: "normal")).order?.id)
            let closed = try await intake.handleToClose(id)
            #expect(closed.order?.state == "closed")

            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            #expect(
                history.events.map(\.action) == [
                    "assign", "acknowledge", "instruct", "start", "draft_reply", "review", "send_to_platform",
                    "platform_review", "record_callback",
                ])
            #expect(history.events.map(\.sequence) == Array(1...9))
            let log = try intake.desk.store.events(orderID: id)
            let replayed = try WorkOrderLog.replay(log)
            #expect(replayed == .closed)

            // Clocks: acknowledge started, then stopped and handling started, handling stopped on reply, all stopped on close.
            let methods = await intake.sla.next(5).map(\.method)
            #expect(
                methods == [
                    "sla.start_clock", "sla.stop_clocks", "sla.start_clock", "sla.stop_clocks", "sla.stop_clocks",
                ])
        }
    }

    @Test func anActionOutOfTurnIsRefusedAndChangesNothing() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft()).order?.id)
            let early = await #expect(throws: RPCError.self) {
                try await intake.apply(id, "send_to_platform", as: "bureau_desk", unit: "office")
            }
            #expect(early?.code == .failedPrecondition)
            let wrongRole = await #expect(throws: RPCError.self) {
                try await intake.apply(id, "acknowledge", as: "platform", unit: "")
            }
            #expect(wrongRole?.code == .permissionDenied)
            let unknown = await #expect(throws: RPCError.self) { try await intake.apply(id, "teleport", as: "liaison") }
            #expect(unknown?.fieldViolations.map(\.field) == ["action"])
            let missing = await #expect(throws: RPCError.self) {
                try await intake.apply("WO-nope", "acknowledge", as: "liaison")
            }
            #expect(missing?.code == .notFound)
            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            #expect(history.events.count == 1)
            #expect(history.order?.state == "assigned_pending_ack")
        }
    }

    @Test func anExtensionOverTheCapIsRefusedWithTheSLAServicesReason() async throws {
        try await IntakeFixture.run { intake in
            var draft = IntakeFixture.draft(urgency: "normal")
            draft.handlingDeadlineUnixMs = Int64(Date().addingTimeInterval(10 * 86_400).timeIntervalSince1970 * 1000)
            let id = try #require(try await intake.submit(draft).order?.id)
            try await intake.apply(id, "acknowledge", as: "liaison")
            try await intake.apply(id, "instruct", as: "unit_leader") { $0.text = "办理" }
            try await intake.apply(id, "start", as: "liaison")
            let refused = await #expect(throws: RPCError.self) {
                try await intake.apply(id, "request_extension", as: "liaison") {
                    $0.days = 25
                    $0.reason = "需调取三年工资台账"
                    $0.legalBasis = "《劳动保障监察条例》第十七条"
                }
            }
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message.contains("one-month cap") == true)
            let granted = try await intake.apply(id, "request_extension", as: "liaison") {
                $0.days = 10
                $0.reason = "需调取三年工资台账"
                $0.legalBasis = "《劳动保障监察条例》第十七条"
            }
            #expect(granted.order?.state == "extension_requested")

            // The platform grants more than the cap allows: its decision stands, in intake and
            // (told `granted`) in SLA, and the event says the cap was passed.
            let beyond = IntakeFixture.extensionCap + 86_400_000
            let approved = try await intake.apply(id, "approve_extension", as: "platform", unit: "") {
                $0.newDeadlineUnixMs = beyond
            }
            #expect(approved.order?.handlingDeadlineUnixMs == beyond)
            let note = approved.event?.details.first { $0.key == "beyond_cap" }?.value
            #expect(note?.contains("2029-12-31 24:00") == true, "\(String(describing: note))")
            var request = Wire.ExtendClockRequest(dryRun: true)
            while request.dryRun {  // intake's own checks before the change, then the outbox's command
                request = try Wire.ExtendClockRequest(
                    wireBytes: try #require(await intake.sla.nextCall("sla.extend_clock")).body)
            }
            #expect(request.granted && request.newDueUnixMs == beyond)
        }
    }

    @Test func aRetryWithTheSameIdempotencyKeyIsAnsweredAsTheFirstCall() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft()).order?.id)
            let other = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-2026-0002")).order?.id)
            let first = try await intake.apply(id, "acknowledge", as: "liaison") { $0.idempotencyKey = "k-1" }
            // The same call again: without the key it would be refused (already acknowledged).
            let retry = try await intake.apply(id, "acknowledge", as: "liaison") { $0.idempotencyKey = "k-1" }
            #expect(retry.event?.sequence == first.event?.sequence)
            #expect(retry.order?.state == "acknowledged")
            #expect(try intake.desk.store.events(orderID: id).map(\.action) == [.assign, .acknowledge])
            do {
                try await intake.apply(other, "acknowledge", as: "liaison") { $0.idempotencyKey = "k-1" }
                Issue.record("a key of another order was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                #expect(error.fieldViolations.map(\.field) == ["idempotency_key"])
            }
            #expect(try intake.desk.store.events(orderID: other).map(\.action) == [.assign])
        }
    }

    @Test func mergeAndUnmergeAreReversible() async throws {
        try await IntakeFixture.run { intake in
            let parent = try #require(try await intake.submit(IntakeFixture.draft(number: "P-1")).order?.id)
            let child = try #require(try await intake.submit(IntakeFixture.draft(number: "P-2")).order?.id)
            let merged = try await intake.apply(child, "merge", as: "bureau_desk", unit: "office") {
                $0.parentOrderId = parent
            }
            #expect(merged.order?.state == "merged")
            #expect(merged.order?.parentOrderId == parent)
            let unmerged = try await intake.apply(child, "unmerge", as: "bureau_desk", unit: "office")
            #expect(unmerged.order?.state == "assigned_pending_ack")
            #expect(unmerged.order?.parentOrderId == "")
            let noParent = await #expect(throws: RPCError.self) {
                try await intake.apply(child, "merge", as: "bureau_desk", unit: "office") {
                    $0.parentOrderId = "WO-missing"
                }
            }
            #expect(noParent?.code == .notFound)
        }
    }

    @Test func aMergeGoesOneLevelDeepAndUnmergingRunsTheStoppedClocksAgain() async throws {
        try await IntakeFixture.run { intake in
            var ids: [String] = []
            for number in ["N14", "N27", "N31"] {
                ids.append(try #require(try await intake.submit(IntakeFixture.draft(number: number)).order?.id))
            }
            let (n14, n27, n31) = (ids[0], ids[1], ids[2])
            _ = await intake.sla.next(3)  // the three acknowledgement clocks
            // The parent named as channel:number, as every other verb accepts it.
            let merged = try await intake.apply(n27, "merge", as: "bureau_desk", unit: "office") {
                $0.parentOrderId = "hotline_12345:N14"
            }
            #expect(merged.order?.parentOrderId == n14)
            #expect(await intake.sla.next(1).map(\.method) == ["sla.stop_clocks"])

            // Into a merged order (a cycle or a chain), or an order others are merged into: refused, nothing changes.
            for (child, parent) in [(n14, n27), (n31, n27), (n14, n31)] {
                let refused = await #expect(throws: RPCError.self) {
                    try await intake.apply(child, "merge", as: "bureau_desk", unit: "office") {
                        $0.parentOrderId = parent
                    }
                }
                #expect(refused?.code == .failedPrecondition, "\(child) into \(parent): \(String(describing: refused))")
            }
            for id in [n14, n31] { #expect(try intake.desk.store.order(id: id)?.state == .assignedPendingAck) }
            let missing = await #expect(throws: RPCError.self) {
                try await intake.apply(n31, "merge", as: "bureau_desk", unit: "office") {
                    $0.parentOrderId = "hotline_12345:N99"
                }
            }
            #expect(missing?.code == .notFound && missing?.fieldViolations.map(\.field) == ["parent_order_id"])

            _ = try await intake.apply(n27, "unmerge", as: "bureau_desk", unit: "office")
            let resume = try #require(await intake.sla.next(1).first)
            #expect(resume.method == "sla.resume_clocks")
            let request = try Wire.ResumeClocksRequest(wireBytes: resume.body)
            #expect(request.orderId == n27 && request.reason == "merged")
        }
    }

    @Test func anOrderIsAssignedOnlyToAnActiveUnitOfRoutingsDirectory() async throws {
        try await IntakeFixture.run(routingDecision: nil) { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft()).order?.id)
            let refused = await #expect(throws: RPCError.self) {
                try await intake.apply(id, "assign", as: "bureau_desk", unit: "office") {
                    $0.units = ["employment_office", "nosuch_unit"]
                    $0.handlingMode = "transfer"
                }
            }
            #expect(refused?.code == .invalidArgument)
            #expect(
                refused?.fieldViolations.map(\.field) == ["units[1]"]
                    && refused?.fieldViolations.first?.code == "unknown_unit")
            #expect(try intake.desk.store.order(id: id)?.state == .received)
            // Routing answers now: its directory decides, and a unit it keeps inactive is refused too.
            intake.routing.units.withLock {
                $0 = [
                    Wire.Unit(code: "employment_office", name: "就业办", level: "unit", active: true),
                    Wire.Unit(code: "pension_insurance_center", name: "养老保险中心", level: "unit", active: false),
                ]
            }
            let inactive = await #expect(throws: RPCError.self) {
                try await intake.apply(id, "assign", as: "bureau_desk", unit: "office") {
                    $0.units = ["pension_insurance_center"]
                    $0.handlingMode = "transfer"
                }
            }
            #expect(inactive?.fieldViolations.map(\.field) == ["units[0]"])
            let assigned = try await intake.apply(id, "assign", as: "bureau_desk", unit: "office") {
                $0.units = ["employment_office"]
                $0.handlingMode = "transfer"
            }
            #expect(assigned.order?.responsibleUnits == ["employment_office"])
        }
    }

    @Test func aReturnedOrderDispatchedAgainUnderItsNumberStartsItsNextCycle() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft(number: "R-1")).order?.id)
            // The same push again (a retry) changes nothing.
            let retry = try await intake.submit(IntakeFixture.draft(number: "R-1"))
            #expect(retry.created == false && retry.order?.cycle == 1)
            try await intake.apply(id, "acknowledge", as: "liaison")
            try await intake.apply(id, "request_return", as: "liaison") {
                $0.reason = "不属于本单位职责"
                $0.legalBasis = "本单位职能配置规定"
            }
            let returned = try await intake.apply(id, "decide_return", as: "platform", unit: "") { $0.approved = true }
            #expect(returned.order?.state == "returned")

            // The platform dispatches it again: the same order, a new cycle, routed afresh.
            let again = try await intake.submit(IntakeFixture.draft(number: "R-1"))
            #expect(again.created == false && again.redispatched && again.order?.id == id)
            #expect(again.order?.cycle == 2 && again.order?.state == "assigned_pending_ack")
            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            #expect(history.events.suffix(2).map(\.action) == ["reopen", "assign"])
            #expect(
                history.events.suffix(2).first?.details.contains(Wire.EventDetail(key: "after_return", value: "true"))
                    == true)
        }
    }

    @Test func clockEventsAreRecordedOnceEach() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft()).order?.id)
            let event = Wire.RecordClockEventRequest(
                eventId: "\(id)/acknowledge/1/overdue", orderId: id, clockId: "\(id)/acknowledge/1",
                clockKind: "acknowledge",
                event: "overdue", dueUnixMs: 1_795_000_000_000, firedUnixMs: 1_795_000_000_500
            )
            let first = try await intake.client.call(
                "intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
            let again = try await intake.client.call(
                "intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
            #expect(first.recorded)
            #expect(!again.recorded)
            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            #expect(history.events.map(\.action) == ["assign", "urge"])
            #expect(
                history.events.last?.details.contains(Wire.EventDetail(key: "clock.event", value: "overdue")) == true)
            #expect(history.order?.state == "assigned_pending_ack")
        }
    }

    /// SLA moved an action item's due (a holiday notice): the order's log says from when to when,
    /// nobody is mailed, and coordination, whose item it is, hears of it once.
    @Test func aRecomputedActionItemDueIsLoggedAndRelayedToCoordinationOnce() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft()).order?.id)
            let mailsBefore = try intake.rows(in: "outbox_entry WHERE method = 'gateway.notify'")
            let item = "CC-20261230-0001/action/1"
            let event = Wire.RecordClockEventRequest(
                eventId: "\(item)/recomputed/1", orderId: id, clockId: item, clockKind: "action_item",
                event: "recomputed",
                dueUnixMs: 1_799_251_200_000, firedUnixMs: 1_798_000_000_000, reminderNumber: 1,
                previousDueUnixMs: 1_799_164_800_000,
                provisional: true
            )
            #expect(
                try await intake.client.call("intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self)
                    .recorded)
            #expect(
                !(try await intake.client.call(
                    "intake.record_clock_event", event, as: Wire.RecordClockEventResponse.self
                ).recorded))
            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            let logged = try #require(history.events.last)
            #expect(logged.reason == "协调会事项按工作日历重算：由 2027年1月5日 24:00 改为 2027年1月6日 24:00", "\(logged.reason)")
            #expect(try intake.rows(in: "outbox_entry WHERE method = 'gateway.notify'") == mailsBefore)
            let relays = try await intake.desk.store.database.read { db in
                try Data.fetchAll(
                    db, sql: "SELECT body FROM outbox_entry WHERE method = 'coordination.move_action_item_due'")
            }
            #expect(relays.count == 1)
            let relayed = try Wire.MoveActionItemDueRequest(wireBytes: Array(try #require(relays.first)))
            #expect(
                relayed.actionItemId == item && relayed.dueUnixMs == event.dueUnixMs
                    && relayed.previousDueUnixMs == event.previousDueUnixMs)
            #expect(relayed.provisional)

            // The notice, once loaded, confirms that due without moving it.
            var confirmed = event
            (confirmed.eventId, confirmed.reminderNumber, confirmed.previousDueUnixMs, confirmed.provisional) = (
                "\(item)/recomputed/2", 2, event.dueUnixMs, false
            )
            #expect(
                try await intake.client.call(
                    "intake.record_clock_event", confirmed, as: Wire.RecordClockEventResponse.self
                ).recorded)
            let after = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            #expect(after.events.last?.reason == "协调会事项按工作日历重算：时限 2027年1月6日 24:00 已按节假日通知确认")
        }
    }

    @Test func listFiltersAndPagesNewestFirst() async throws {
        try await IntakeFixture.run { intake in
            for index in 0..<5 {
                _ = try await intake.submit(
                    IntakeFixture.draft(
                        number: "L-\(index)", content: "第\(index)件：社保卡补办咨询\(index)",
                        urgency: index.isMultiple(of: 2) ? "urgent" : "normal", phone: "1391234567\(index)"))
            }
            let urgent = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(urgency: "urgent"), as: Wire.ListOrdersResponse.self)
            #expect(urgent.orders.count == 3)
            let first = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(limit: 2), as: Wire.ListOrdersResponse.self)
            let second = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(limit: 2, pageToken: first.nextPageToken),
                as: Wire.ListOrdersResponse.self)
            let third = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(limit: 2, pageToken: second.nextPageToken),
                as: Wire.ListOrdersResponse.self)
            let numbers = (first.orders + second.orders + third.orders).map(\.platformOrderNumber)
            #expect(Set(numbers).count == 5)
            #expect(third.nextPageToken.isEmpty)
            let bad = await #expect(throws: RPCError.self) {
                _ = try await intake.client.call(
                    "intake.list", Wire.ListOrdersRequest(state: "lost"), as: Wire.ListOrdersResponse.self)
            }
            #expect(bad?.fieldViolations.map(\.field) == ["state"])
        }
    }
}

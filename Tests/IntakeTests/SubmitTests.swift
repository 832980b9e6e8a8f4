import Foundation
import RPC
import Testing
import WireProtocol

@testable import IntakeCore

@Suite("Intake: submitting orders")
struct SubmitTests {
    @Test func anAcceptedOrderIsStoredRoutedAndItsAcknowledgementClockRequested() async throws {
        try await IntakeFixture.run { intake in
            let response = try await intake.submit(IntakeFixture.draft())
            #expect(response.created)
            let order = try #require(response.order)
            #expect(order.state == "assigned_pending_ack")
            #expect(order.responsibleUnits == ["employment_office"])
            #expect(order.caller?.phone == "138****5678")
            #expect(response.routing?.ruleId == "test.transfer")
            let stored = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: order.id), as: Wire.GetOrderResponse.self)
            #expect(stored.events.map(\.action) == ["assign"])
            #expect(
                stored.events.first?.details.contains(Wire.EventDetail(key: "routing.rule", value: "test.transfer"))
                    == true)
            #expect(
                stored.events.first?.details.contains(Wire.EventDetail(key: "routing.explanation", value: "test"))
                    == true, "the why stays on the order")
            // The outbox delivers the clock command to SLA in the background.
            let calls = await intake.sla.next(1)
            #expect(calls.map(\.method) == ["sla.start_clock"])
            let clockIDs = try calls.map { try Wire.StartClockRequest(wireBytes: $0.body).id }
            #expect(clockIDs == ["\(order.id)/acknowledge/1"])
        }
    }

    @Test func concurrentRetriesOfOneOrderCreateExactlyOne() async throws {
        try await IntakeFixture.run { intake in
            let ids = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let response = try await intake.submit(IntakeFixture.draft(number: "SMX-RETRY"))
                        return (response.order?.id ?? "", response.created)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(ids.map(\.0)).count == 1)
            #expect(ids.filter(\.1).count == 1)
            let count = try intake.orderCount()
            #expect(count == 1)
        }
    }

    enum Spoiled: String, CaseIterable, Sendable {
        case urgency, blankContent, phone, creditCode, longContent, missingTopic

        var field: String {
            switch self {
            case .urgency: "draft.urgency"
            case .blankContent, .longContent: "draft.content"
            case .phone: "draft.caller.phone"
            case .creditCode: "draft.enterprise.credit_code"
            case .missingTopic: "draft.topic"
            }
        }

        func apply(to draft: inout Wire.OrderDraft) {
            switch self {
            case .urgency: draft.urgency = "very"
            case .blankContent: draft.content = "  "
            case .phone: draft.caller?.phone = "12345"
            case .creditCode: draft.enterprise = Wire.Enterprise(name: "某公司", creditCode: "91410000000000000X")
            case .longContent: draft.content = String(repeating: "长", count: 4001)
            case .missingTopic: draft.topic = ""
            }
        }
    }

    @Test(arguments: Spoiled.allCases)
    func invalidOrdersAreRefusedFieldByFieldAndChangeNothing(spoiled: Spoiled) async throws {
        try await IntakeFixture.run { intake in
            var draft = IntakeFixture.draft()
            spoiled.apply(to: &draft)
            let error = await #expect(throws: RPCError.self) { _ = try await intake.submit(draft) }
            #expect(error?.code == .invalidArgument)
            #expect(
                error?.fieldViolations.map(\.field).contains { $0.hasPrefix(spoiled.field) } == true,
                "\(error?.fieldViolations ?? [])")
            let count = try intake.orderCount()
            #expect(count == 0)
        }
    }

    /// A caller who rings again and again makes orders with many duplicates: the queue's list
    /// carries one of each (a mark), the order itself all of them.
    @Test func aListCarriesOneDuplicateOfEachOrderItsPageAllOfThem() async throws {
        try await IntakeFixture.run { intake in
            var last: String?
            for number in 1...12 {
                last = try await intake.submit(IntakeFixture.draft(number: "R-\(number)")).order?.id
            }
            let listed = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(), as: Wire.ListOrdersResponse.self)
            #expect(listed.orders.count == 12)
            // The first is marked too: the later ones were found like it.
            #expect(listed.orders.map(\.probableDuplicates.count) == Array(repeating: 1, count: 12))
            let shown = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: last ?? "?"), as: Wire.GetOrderResponse.self)
            #expect(shown.duplicateOrders.count == 11)
        }
    }

    @Test func theSameCallerWithSimilarContentIsFlaggedAsAProbableDuplicate() async throws {
        try await IntakeFixture.run { intake in
            let first = try await intake.submit(IntakeFixture.draft(number: "A-1"))
            let second = try await intake.submit(
                IntakeFixture.draft(number: "A-2", content: "某建筑公司拖欠农民工工资三个月了，多次讨要未果。"))
            let unrelated = try await intake.submit(IntakeFixture.draft(number: "A-3", content: "咨询养老保险转移接续需要哪些材料。"))
            #expect(second.order?.probableDuplicates == [first.order?.id ?? "?"])
            #expect(unrelated.order?.probableDuplicates.isEmpty == true)
            // The queue marks it, in one read for the page.
            let listed = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(), as: Wire.ListOrdersResponse.self)
            #expect(
                Dictionary(uniqueKeysWithValues: listed.orders.map { ($0.platformOrderNumber, $0.probableDuplicates) })
                    == ["A-1": [second.order?.id ?? "?"], "A-2": [first.order?.id ?? "?"], "A-3": []])
            // The order's page names the duplicate by its number; the earlier one's page the later.
            let shown = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: second.order?.id ?? "?"), as: Wire.GetOrderResponse.self)
            #expect(
                shown.duplicateOrders == [
                    Wire.OrderReference(
                        id: first.order?.id ?? "?", channel: "hotline_12345", platformOrderNumber: "A-1")
                ])
            let earlier = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: first.order?.id ?? "?"), as: Wire.GetOrderResponse.self)
            #expect(earlier.duplicateOrders.map(\.platformOrderNumber) == ["A-2"])
        }
    }

    @Test func theSameEnterpriseFromAnotherPhoneIsFlaggedAsAProbableDuplicate() async throws {
        try await IntakeFixture.run { intake in
            let enterprise = Wire.Enterprise(name: "某建筑有限公司", creditCode: "91411200MA0000001F")
            var first = IntakeFixture.draft(number: "E-1", phone: "13800000101")
            first.enterprise = enterprise
            var second = IntakeFixture.draft(
                number: "E-2", content: "某建筑公司拖欠农民工工资三个月了，多次讨要未果。", phone: "13800000102")
            second.enterprise = enterprise
            let stranger = IntakeFixture.draft(number: "E-3", phone: "13800000103")
            let firstID = try await intake.submit(first).order?.id
            let secondResponse = try await intake.submit(second)
            let strangerResponse = try await intake.submit(stranger)
            #expect(secondResponse.order?.probableDuplicates == [firstID ?? "?"])
            #expect(strangerResponse.order?.probableDuplicates.isEmpty == true, "another caller, no enterprise")
        }
    }

    @Test func ordersArrivingTogetherAreEachStoredOnceAndRouted() async throws {
        try await IntakeFixture.run { intake in
            let responses = try await withThrowingTaskGroup(of: Wire.SubmitOrderResponse.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await intake.submit(
                            IntakeFixture.draft(number: "G-\(index)", phone: "1380000\(1000 + index)"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = responses.filter { $0.created }.count
            let ids = Set(responses.compactMap { $0.order?.id })
            let routed = responses.filter { $0.order?.state == "assigned_pending_ack" }.count
            let count = try intake.orderCount()
            #expect(created == 24)
            #expect(ids.count == 24)
            #expect(routed == 24)
            #expect(count == 24)
        }
    }

    @Test func aRoutingOutageLeavesTheOrderReceivedForTheDesk() async throws {
        try await IntakeFixture.run(routingDecision: Wire.RoutingDecision?.none) { intake in
            let response = try await intake.submit(IntakeFixture.draft())
            #expect(response.created)
            #expect(response.order?.state == "received")
            #expect(response.routing == nil)
        }
    }
}

import Foundation
import Testing
import WireProtocol

@testable import ConsoleWeb

/// An order's page names the orders it is tied to: the one it is merged into, and those merged
/// into it (并单), whose platform numbers its reply also answers.
@Suite("Console web: related orders on an order's page")
struct RelatedOrdersTests {
    typealias F = CoordinationFixtures

    static func page(_ response: Wire.GetOrderResponse) -> String {
        OrderPage.page(
            staff: F.staff(["bureau_desk"], unit: "office"), order: response, clocks: .success([]),
            units: UnitNames(), now: F.morning, flash: nil
        ).rendered
    }

    @Test func aParentNamesTheOrdersMergedIntoItAndWhichOfThemItsReplyAnswers() {
        let page = Self.page(
            Wire.GetOrderResponse(
                order: Wire.WorkOrderView(id: "WO-14", channel: "hotline_12345", state: "in_progress"),
                mergedOrders: [
                    Wire.OrderReference(id: "WO-27", channel: "hotline_12345", platformOrderNumber: "N27"),
                    Wire.OrderReference(id: "WO-31", channel: "hotline_12333", platformOrderNumber: "T31"),
                ]
            ))
        let items = page.components(separatedBy: "<li class=\"merged-child\">").dropFirst().map {
            String($0.prefix { $0 != "\n" })
        }
        #expect(page.contains("<h2>关联工单</h2>"))
        #expect(items.count == 2)
        #expect(items.first?.contains("<a href=\"/orders/WO-27\">N27</a>") == true)
        #expect(items.first?.contains("以其工单号一并答复") == true)
        // The bureau's own hotline has no platform to answer: its merged order gets no reply from it.
        #expect(items.last?.contains("<a href=\"/orders/WO-31\">T31</a>") == true)
        #expect(items.last?.contains("一并答复") == false)
    }

    @Test func aMergedOrderAndADuplicateAreNamedByTheirNumbers() {
        let page = Self.page(
            Wire.GetOrderResponse(
                order: Wire.WorkOrderView(
                    id: "WO-27", channel: "hotline_12345", state: "merged", parentOrderId: "WO-14",
                    probableDuplicates: ["WO-14"]),
                duplicateOrders: [
                    Wire.OrderReference(id: "WO-14", channel: "hotline_12345", platformOrderNumber: "N14"),
                    Wire.OrderReference(id: "WO-9", channel: "hotline_12333", platformOrderNumber: "T9"),
                ],
                parentOrder: Wire.OrderReference(id: "WO-14", channel: "hotline_12345", platformOrderNumber: "N14")
            ))
        #expect(page.contains("<li class=\"merged-into\">已并入：<a href=\"/orders/WO-14\">N14</a>（12345 · WO-14）</li>"))
        // The order it is merged into is named once, not again as a duplicate.
        #expect(page.components(separatedBy: "<li class=\"duplicate\">").count == 2)
        #expect(page.contains("<li class=\"duplicate\">疑似重复：<a href=\"/orders/WO-9\">T9</a>（12333 · WO-9）</li>"))
    }

    /// The timeline's 并单 names the order by the number the desk typed, as the page knows it.
    @Test func theTimelineNamesTheOrderMergedIntoByItsNumber() {
        let merge = Wire.OrderEvent(
            sequence: 2, actorId: "desk.office", role: "bureau_desk", fromState: "assigned_pending_ack",
            toState: "merged", action: "merge", details: [Wire.EventDetail(key: "parent_order_id", value: "WO-14")])
        let page = Self.page(
            Wire.GetOrderResponse(
                order: Wire.WorkOrderView(
                    id: "WO-27", channel: "hotline_12345", state: "merged", parentOrderId: "WO-14"),
                events: [merge],
                parentOrder: Wire.OrderReference(id: "WO-14", channel: "hotline_12345", platformOrderNumber: "N14")
            ))
        #expect(page.contains("并入：N14（WO-14）"))
        #expect(
            EventText.detail(Wire.EventDetail(key: "parent_order_id", value: "WO-9"), units: UnitNames()) == "并入：WO-9")
    }

    /// A merged order's clocks stand still "for merged": said in Chinese, as every other reason.
    @Test func aClockStoppedForAStateSaysTheStateInChinese() {
        #expect(EventText.stopReason("merged") == "已并单")
        #expect(EventText.stopReason("acknowledged") == "已签收")
        #expect(EventText.stopReason("something_new") == "something_new")
    }

    /// A caller who rings every day has hundreds of duplicates: the page lists the most alike.
    @Test func aPageListsTheTenMostAlikeDuplicatesAndCountsTheRest() {
        let many = (1...25).map {
            Wire.OrderReference(id: "WO-\($0)", channel: "hotline_12345", platformOrderNumber: "N\($0)")
        }
        let page = Self.page(
            Wire.GetOrderResponse(
                order: Wire.WorkOrderView(id: "WO-99", channel: "hotline_12345", state: "received"),
                duplicateOrders: many))
        #expect(page.components(separatedBy: "<li class=\"duplicate\">").count - 1 == 10)
        #expect(page.contains(">N10</a>") && !page.contains(">N11</a>"))
        #expect(page.contains("另有 15 件疑似重复未列出"))
        #expect(page.components(separatedBy: "<option value=\"N").count - 1 == 10)
    }

    /// A console beside an intake that names only the ids still links them.
    @Test func duplicatesKnownOnlyByIdAreLinkedByTheirIds() {
        let page = Self.page(
            Wire.GetOrderResponse(
                order: Wire.WorkOrderView(id: "WO-2", state: "received", probableDuplicates: ["WO-1"])))
        #expect(page.contains("<li class=\"duplicate\">疑似重复：<a href=\"/orders/WO-1\">WO-1</a></li>"))
    }

    @Test func anOrderWithNothingRelatedHasNoSection() {
        let page = Self.page(Wire.GetOrderResponse(order: Wire.WorkOrderView(id: "WO-1", state: "received")))
        #expect(!page.contains("关联工单"))
    }
}

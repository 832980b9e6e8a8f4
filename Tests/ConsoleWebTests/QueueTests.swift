import Foundation
import Testing
import WireProtocol

@testable import ConsoleWeb

/// The queue's order and lights, the desk's counts, and the sign-in throttle.
@Suite("Console web: queue, desk and throttle")
struct QueueTests {
    static let now: Int64 = 1_800_000_000_000
    static let minute: Int64 = 60_000

    static func clock(
        _ order: String, kind: String = "handling", start: Int64 = now - 60 * minute, due: Int64,
        state: String = "running", unit: String = "employment_office"
    ) -> Wire.Clock {
        Wire.Clock(
            id: "\(order)/\(kind)", orderId: order, unit: unit, kind: kind, startUnixMs: start, dueUnixMs: due,
            state: state)
    }

    @Test func lightsAreRedWhenLateYellowInTheLastQuarterGreenOtherwise() {
        #expect(ClockLight(Self.clock("a", due: Self.now - 1), now: Self.now) == .red)
        #expect(ClockLight(Self.clock("a", due: Self.now + 10 * Self.minute), now: Self.now) == .yellow)
        #expect(ClockLight(Self.clock("a", due: Self.now + 60 * Self.minute), now: Self.now) == .green)
        #expect(ClockLight(Self.clock("a", due: Self.now - 1, state: "stopped"), now: Self.now) == .none)
        var warned = Self.clock("a", due: Self.now + 60 * Self.minute)
        warned.warningsSent = 1
        #expect(ClockLight(warned, now: Self.now) == .yellow)
    }

    @Test func urgentOrdersComeFirstThenTheLeastTimeLeft() {
        let orders = [
            Wire.WorkOrderView(id: "normal-soon", urgency: "normal"),
            Wire.WorkOrderView(id: "urgent-later", urgency: "urgent"),
            Wire.WorkOrderView(id: "urgent-sooner", urgency: "urgent"),
            Wire.WorkOrderView(id: "normal-no-clock", urgency: "normal"),
        ]
        let clocks = [
            Self.clock("normal-soon", due: Self.now + Self.minute),
            Self.clock("urgent-later", due: Self.now + 30 * Self.minute),
            Self.clock("urgent-sooner", kind: "acknowledge", due: Self.now + 5 * Self.minute),
        ]
        let rows = QueuePage.rows(orders, clocks: clocks, now: Self.now)
        #expect(rows.map(\.order.id) == ["urgent-sooner", "urgent-later", "normal-soon", "normal-no-clock"])
        #expect(rows.map(\.light) == [.yellow, .green, .yellow, .none])
    }

    @Test func theDeskCountsEachUnitsOrdersAndClocks() {
        let awaiting = [
            Wire.WorkOrderView(id: "1", responsibleUnits: ["employment_office"]),
            Wire.WorkOrderView(id: "2", responsibleUnits: ["employment_office", "pension_insurance_center"]),
        ]
        let clocks = [
            Self.clock("1", due: Self.now - Self.minute),
            Self.clock("2", due: Self.now + 5 * Self.minute, unit: "pension_insurance_center"),
            Self.clock("3", due: Self.now + 60 * Self.minute, state: "stopped"),
        ]
        let counts = DeskPage.counts(awaiting: awaiting, clocks: clocks, now: Self.now)
        #expect(
            counts["employment_office"]
                == DeskPage.Counts(awaitingAcknowledgement: 2, overdue: 1, warning: 0, dueToday: 0))
        #expect(counts["pension_insurance_center"]?.awaitingAcknowledgement == 1)
        #expect(counts["pension_insurance_center"]?.warning == 1)
    }

    @Test func theWholeQueueIsSortedBeforeOnePageOfItIsShown() {
        let orders = (0..<250).map { index in
            Wire.WorkOrderView(
                id: "WO-\(index)", urgency: "normal", state: "assigned_pending_ack",
                receivedAtUnixMs: Self.now - Int64(index) * 1000)
        }
        // The oldest order has the earliest deadline: it leads page 1 although intake lists it last.
        let clocks = orders.map { order in
            Self.clock(order.id, kind: "acknowledge", due: order.receivedAtUnixMs + 60 * Self.minute)
        }
        let rows = QueuePage.rows(orders, clocks: clocks, now: Self.now)
        let first = QueuePage.Sorted(rows, page: 1, truncated: false)
        #expect(first.total == 250 && first.pages == 3 && first.shown.count == QueueFilter.pageRows)
        #expect(first.shown.first?.order.id == "WO-249")
        let last = QueuePage.Sorted(rows, page: 99, truncated: false)
        #expect(last.page == 3 && last.shown.count == 50 && last.shown.last?.order.id == "WO-0")

        var filter = QueueFilter(FormFields(encoded: "q=%E5%B7%A5%E8%B5%84+%26x&state=all"))
        #expect(
            filter.listRequest(pageToken: "").awaitingTheBureau == false
                && filter.listRequest(pageToken: "").state == "")
        #expect(filter.query(page: 2) == "state=all&q=%E5%B7%A5%E8%B5%84%20%26x&page=2")
        filter = QueueFilter(FormFields(encoded: "page=-3"))
        #expect(
            filter.page == 1 && filter.listRequest(pageToken: "t").awaitingTheBureau
                && filter.listRequest(pageToken: "t").pageToken == "t")
    }

    /// The desk sees in the queue which orders intake found like another, to merge them.
    @Test func anOrderFoundLikeAnotherIsMarkedInTheQueue() {
        let orders = [
            Wire.WorkOrderView(
                id: "WO-2", platformOrderNumber: "N2", urgency: "normal", state: "received",
                probableDuplicates: ["WO-1"]),
            Wire.WorkOrderView(id: "WO-3", platformOrderNumber: "N3", urgency: "normal", state: "received"),
        ]
        let queue = QueuePage.Sorted(QueuePage.rows(orders, clocks: [], now: Self.now), page: 1, truncated: false)
        let body = QueuePage.tableBody(queue.shown, units: UnitNames()).rendered
        let rows = body.components(separatedBy: "<tr data-order-id=").dropFirst()
        #expect(rows.first { $0.hasPrefix("\"WO-2\"") }?.contains("<span class=\"tag\">疑似重复</span>") == true)
        #expect(rows.first { $0.hasPrefix("\"WO-3\"") }?.contains("疑似重复") == false)
    }

    @Test func theLiveUpdateCarriesTheCountAndThePagerWithTheRows() {
        let orders = (0..<150).map {
            Wire.WorkOrderView(id: "WO-\($0)", urgency: "normal", state: "assigned_pending_ack")
        }
        let queue = QueuePage.Sorted(QueuePage.rows(orders, clocks: [], now: Self.now), page: 2, truncated: false)
        let parts = QueuePage.liveParts(queue, filter: QueueFilter(FormFields(encoded: "page=2")), units: UnitNames())
            .rendered
        #expect(parts.contains(#"<template id="queue-total">150 件</template>"#))
        #expect(
            parts.contains(#"<template id="queue-pager"><nav class="pager""#)
                && parts.contains("第 2 / 2 页（第 101–150 件）"))
        #expect(parts.contains(#"<a rel="prev" href="/orders?">上一页</a>"#) && !parts.contains("下一页"))
        let rows = parts.components(separatedBy: #"<template id="queue-rows">"#).last ?? ""
        #expect(rows.components(separatedBy: "<tr data-order-id=").count - 1 == 50)

        // One page: an empty pager replaces the one shown when the queue shrinks below two pages.
        let short = QueuePage.Sorted(
            QueuePage.rows(Array(orders.prefix(3)), clocks: [], now: Self.now), page: 2, truncated: false)
        let shortParts = QueuePage.liveParts(short, filter: QueueFilter(FormFields(encoded: "")), units: UnitNames())
            .rendered
        #expect(shortParts.contains(#"<template id="queue-pager"></template>"#) && shortParts.contains("3 件"))
    }

    @Test func theThrottleCountsFailedAttemptsPerAddressWithinItsWindow() {
        let throttle = SignInThrottle(limit: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<3 { #expect(throttle.attempt(from: "10.0.0.1", now: start) == nil) }
        #expect(throttle.attempt(from: "10.0.0.1", now: start.addingTimeInterval(10)) == 50)
        #expect(
            throttle.attempt(from: "10.0.0.2", now: start.addingTimeInterval(10)) == nil,
            "another address has its own count")
        #expect(
            throttle.attempt(from: "10.0.0.1", now: start.addingTimeInterval(61)) == nil, "a new window starts afresh")
        for _ in 0..<10 {
            #expect(throttle.attempt(from: "10.0.0.3", now: start) == nil)
            throttle.succeeded(from: "10.0.0.3")
        }
        #expect(throttle.attempt(from: "10.0.0.3", now: start) == nil, "sign-ins that succeed do not count")
    }
}

import Domain
import WireProtocol

/// The queue's filters, from the page's query string: each is a wire value of intake's
/// `ListOrdersRequest` (intake checks them) or empty for all.
struct QueueFilter: Sendable {
    var state = ""
    var urgency = ""
    var kind = ""
    var topic = ""
    var channel = ""
    var track = ""
    var text = ""
    var unit = ""

    /// How many orders a page shows, newest first before sorting by time left.
    static let pageSize: UInt32 = 200

    init(_ query: FormFields) {
        state = query.text("state") ?? ""
        urgency = query.text("urgency") ?? ""
        kind = query.text("kind") ?? ""
        topic = query.text("topic") ?? ""
        channel = query.text("channel") ?? ""
        track = query.text("track") ?? ""
        text = query.text("q") ?? ""
        unit = query.text("unit") ?? ""
    }

    var listRequest: ListOrdersRequest {
        ListOrdersRequest(
            state: state, unit: unit, urgency: urgency, topic: topic, limit: Self.pageSize, kind: kind, channel: channel,
            track: track, text: text
        )
    }

    var form: HTML {
        """
        <form method="get" action="/orders" class="filters" role="search">
        \(FormControls.select("state", label: "状态", options: WorkOrder.State.allCases.map { ($0.rawValue, $0.label) }, selected: state))
        \(FormControls.select("urgency", label: "紧急程度", options: WorkOrder.Urgency.allCases.map { ($0.rawValue, $0.label) }, selected: urgency))
        \(FormControls.select("kind", label: "类型", options: WorkOrder.Kind.allCases.map { ($0.rawValue, $0.label) }, selected: kind))
        \(FormControls.select("topic", label: "事项", options: WorkOrder.Topic.allCases.map { ($0.rawValue, $0.label) }, selected: topic))
        \(FormControls.select("channel", label: "来源", options: WorkOrder.Channel.allCases.map { ($0.rawValue, $0.label) }, selected: channel))
        \(FormControls.select("track", label: "通道", options: WorkOrder.Track.allCases.map { ($0.rawValue, $0.label) }, selected: track))
        \(FormControls.input("q", label: "搜索（编号、电话、内容）", type: "search", value: text))
        \(unit.isEmpty ? HTML.empty : "<input type=\"hidden\" name=\"unit\" value=\"\(unit)\">")
        <button type="submit" class="primary">筛选</button>
        </form>
        """
    }
}

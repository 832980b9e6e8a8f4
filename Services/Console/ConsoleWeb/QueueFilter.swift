import Domain
import WireProtocol

/// The queue's filters, from the page's query string: each is a wire value of intake's
/// `ListOrdersRequest` (intake checks them) or empty for all; the state is empty for the orders
/// that await the bureau (a queue of open work) and `all` for every state.
struct QueueFilter: Sendable {
    var state = ""
    var urgency = ""
    var kind = ""
    var topic = ""
    var channel = ""
    var track = ""
    var text = ""
    var unit = ""
    /// The page of the sorted queue shown, from 1.
    var page = 1

    /// The orders read from intake per call (its maximum), and in all: the whole queue is read and
    /// sorted by time left before one page of it is shown, so that no late order hides on page 9.
    static let listBatch: UInt32 = 500
    static let maximumOrders = 5_000
    /// Rows a page shows: about 60 KB of HTML.
    static let pageRows = 100
    static let allStates = "all"

    init(_ query: FormFields) {
        state = query.text("state") ?? ""
        urgency = query.text("urgency") ?? ""
        kind = query.text("kind") ?? ""
        topic = query.text("topic") ?? ""
        channel = query.text("channel") ?? ""
        track = query.text("track") ?? ""
        text = query.text("q") ?? ""
        unit = query.text("unit") ?? ""
        page = query.text("page").flatMap(Int.init).map { max(1, $0) } ?? 1
    }

    func listRequest(pageToken: String) -> Wire.ListOrdersRequest {
        Wire.ListOrdersRequest(
            state: state == Self.allStates ? "" : state, unit: unit, urgency: urgency, topic: topic,
            limit: Self.listBatch,
            pageToken: pageToken, kind: kind, channel: channel, track: track, text: text,
            awaitingTheBureau: state.isEmpty
        )
    }

    /// The query string of this filter on page `page`, for the pager's links.
    func query(page: Int) -> String {
        var pairs: [(String, String)] = [
            ("state", state), ("urgency", urgency), ("kind", kind), ("topic", topic), ("channel", channel),
            ("track", track), ("q", text),
            ("unit", unit),
        ]
        .filter { !$0.1.isEmpty }
        if page > 1 { pairs.append(("page", String(page))) }
        return pairs.map { "\($0.0)=\(FormFields.percentEncoded($0.1))" }.joined(separator: "&")
    }

    var form: HTML {
        """
        <form method="get" action="/orders" class="filters" role="search">
        \(FormControls.select("state", label: "状态", options: [(Self.allStates, "全部")] + WorkOrder.State.allCases.map { ($0.rawValue, $0.label) }, selected: state, anyLabel: "待办（未办结）"))
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

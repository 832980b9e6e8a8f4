import Testing
import WireProtocol

/// The Swift types that scripts/protoc-gen-suban-swift generates from intake, routing and sla
/// .proto files: every field survives a round trip, defaults encode to nothing, and nested
/// messages keep their presence.
@Suite("Generated wire messages")
struct GeneratedCodeTests {
    static let caller = Wire.Caller(name: "张三", phone: "13800000000", idNumber: "110101199001011234")
    static let enterprise = Wire.Enterprise(name: "某某建筑有限公司", creditCode: "91110000000000000X")

    static let draft = Wire.OrderDraft(
        platformOrderNumber: "12345-2026-000001",
        channel: "hotline_12345",
        urgency: "urgent",
        kind: "complaint",
        topic: "wage_arrears",
        content: "工资拖欠三个月",
        address: "某区某路 1 号",
        caller: caller,
        enterprise: enterprise,
        dispatchedAtUnixMs: 1_790_000_000_000,
        handlingDeadlineUnixMs: -1,
        attachments: [
            Wire.Attachment(name: "a.jpg", uri: "s3://a"), Wire.Attachment(), Wire.Attachment(name: "b.pdf", uri: ""),
        ],
        wideImpact: true
    )

    static let order = Wire.WorkOrderView(
        id: "WO-1",
        platformOrderNumber: "12345-2026-000001",
        channel: "hotline_12345",
        urgency: "normal",
        kind: "consultation",
        topic: "pension",
        state: "handling",
        handlingMode: "leader_instruction",
        track: "key_enterprise",
        responsibleUnits: ["labor_inspection_brigade", "", "pension_office"],
        receivedAtUnixMs: 1,
        dispatchedAtUnixMs: .max,
        handlingDeadlineUnixMs: .min,
        content: "内容",
        address: "地址",
        caller: caller,
        enterprise: enterprise,
        cycle: .max,
        parentOrderId: "WO-0",
        knowledgeBaseArticleId: "KB-9",
        resultCode: "solved",
        replyText: "已答复",
        callbackOutcome: "satisfied",
        probableDuplicates: ["WO-2", "WO-3"]
    )

    @Test func orderDraftRoundTrips() throws {
        #expect(try Wire.OrderDraft(wireBytes: Self.draft.wireBytes()) == Self.draft)
    }

    @Test func workOrderViewRoundTrips() throws {
        #expect(try Wire.WorkOrderView(wireBytes: Self.order.wireBytes()) == Self.order)
    }

    /// Nested messages of another file (RoutingDecision in routing.proto), repeated messages holding
    /// repeated messages, uint64, double and bytes.
    @Test func nestedAndCrossFileMessagesRoundTrip() throws {
        let decision = Wire.RoutingDecision(
            units: ["lead", "second"],
            handlingMode: "joint_handling",
            track: "green_channel",
            ruleId: "R-7",
            explanation: "两个单位"
        )
        let submitted = Wire.SubmitOrderResponse(order: Self.order, created: true, routing: decision)
        #expect(try Wire.SubmitOrderResponse(wireBytes: submitted.wireBytes()) == submitted)

        let event = Wire.OrderEvent(
            sequence: .max,
            actorId: "u1",
            role: "liaison",
            unit: "U1",
            atUnixMs: 42,
            fromState: "received",
            toState: "acknowledged",
            action: "acknowledge",
            reason: "",
            cycle: 2,
            details: [Wire.EventDetail(key: "k", value: "v"), Wire.EventDetail()]
        )
        let log = Wire.GetOrderResponse(order: Self.order, events: [event, Wire.OrderEvent(sequence: 1)])
        #expect(try Wire.GetOrderResponse(wireBytes: log.wireBytes()) == log)

        let hits = Wire.SearchArticlesResponse(hits: [
            Wire.ArticleHit(
                article: Wire.Article(id: "A1", tags: ["工资", "欠薪"], validFrom: "2026-01-01"), score: 0.875),
            Wire.ArticleHit(score: -1),
        ])
        #expect(try Wire.SearchArticlesResponse(wireBytes: hits.wireBytes()) == hits)

        let upload = Wire.ImportArticlesRequest(content: [0, 1, 2, 0xFF, 0], format: "csv")
        #expect(try Wire.ImportArticlesRequest(wireBytes: upload.wireBytes()) == upload)
    }

    @Test func routingAndSLAMessagesRoundTrip() throws {
        let units = Wire.ListUnitsResponse(units: [
            Wire.Unit(code: "U1", name: "监察支队", level: "unit", topics: ["wage_arrears", "pension"], active: true),
            Wire.Unit(),
        ])
        #expect(try Wire.ListUnitsResponse(wireBytes: units.wireBytes()) == units)

        let clock = Wire.Clock(
            id: "WO-1/acknowledge/1",
            orderId: "WO-1",
            unit: "U1",
            kind: "acknowledge",
            policy: "acknowledge.urgent",
            startUnixMs: 1,
            dueUnixMs: 2,
            originalDueUnixMs: 3,
            state: "running",
            provisional: true,
            warningsSent: 4,
            remindersSent: 5,
            stopReason: "",
            cycle: 6
        )
        let extended = Wire.ExtendClockResponse(
            allowed: true,
            reason: "ok",
            newDueUnixMs: 7,
            capUnixMs: 8,
            clock: clock
        )
        #expect(try Wire.ExtendClockResponse(wireBytes: extended.wireBytes()) == extended)
        let stopped = Wire.StopClocksRequest(orderId: "WO-1", kinds: ["handling", "action_item"], reason: "closed")
        #expect(try Wire.StopClocksRequest(wireBytes: stopped.wireBytes()) == stopped)
    }

    /// Every field at its default encodes to nothing and decodes back to the defaults.
    @Test func defaultsEncodeToNothing() throws {
        #expect(try Wire.OrderDraft().wireBytes().isEmpty)
        #expect(try Wire.OrderDraft(wireBytes: []) == Wire.OrderDraft())
        #expect(try Wire.WorkOrderView(wireBytes: []) == Wire.WorkOrderView())
        #expect(try Wire.GetOrderResponse(wireBytes: []) == Wire.GetOrderResponse())
        #expect(try Wire.ExtendClockResponse(wireBytes: []) == Wire.ExtendClockResponse())
        #expect(try Wire.ListUnitsRequest().wireBytes().isEmpty)
        #expect(try Wire.ListUnitsRequest(wireBytes: []) == Wire.ListUnitsRequest())
        #expect(try Wire.ListEnterprisesRequest(wireBytes: [0x08, 0x01]) == Wire.ListEnterprisesRequest())  // unknown field
        let decoded = try Wire.OrderDraft(wireBytes: [])
        #expect(decoded.caller == nil && decoded.enterprise == nil && decoded.attachments.isEmpty)
    }

    /// A nested message set to all defaults is still present after a round trip; an unset one is nil.
    @Test func nestedMessagesKeepPresence() throws {
        let present = Wire.SubmitOrderRequest(draft: Wire.OrderDraft())
        #expect(try !present.wireBytes().isEmpty)
        #expect(try Wire.SubmitOrderRequest(wireBytes: present.wireBytes()).draft == Wire.OrderDraft())
        #expect(try Wire.SubmitOrderRequest(wireBytes: Wire.SubmitOrderRequest().wireBytes()).draft == nil)
    }

    @Test func stringsWithNULAreNotEncoded() {
        #expect(throws: WireError(.embeddedNUL, "WorkOrderView.responsible_units")) {
            try Wire.WorkOrderView(responsibleUnits: ["U1", "U\u{0}2"]).wireBytes()
        }
        #expect(throws: WireError(.embeddedNUL, "Caller.phone")) {
            try Wire.OrderDraft(caller: Wire.Caller(phone: "1\u{0}")).wireBytes()
        }
    }

    @Test func invalidUTF8InARepeatedStringIsRejected() {
        // StopClocksRequest field 2 (kinds), length 2, an invalid two-byte sequence
        #expect(throws: WireError(.invalidUTF8, "kinds")) {
            try Wire.StopClocksRequest(wireBytes: [0x12, 0x02, 0xC3, 0x28])
        }
    }
}

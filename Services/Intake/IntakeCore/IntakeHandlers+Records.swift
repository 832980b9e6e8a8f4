import Domain
import Foundation
import GRDB
import Identity
import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

extension IntakeHandlers {
    /// Records a warning, overdue event, reminder or recomputation of an SLA clock in the order's
    /// log, once: the event and its idempotency marker (the event id) commit in one transaction, so
    /// that a crash or a failed write leaves neither, and the SLA's retry records it then. An action
    /// item's recomputed due goes on to coordination, whose item it is.
    func recordClockEvent(_ request: Wire.RecordClockEventRequest, _ credential: Credential) throws
        -> Wire.RecordClockEventResponse
    {
        var collector = ViolationCollector()
        let eventID = collector.require(request.eventId, field: "event_id") ?? ""
        _ = collector.require(request.orderId, field: "order_id")
        let event = collector.require(request.event, field: "event") ?? ""
        try collector.check("invalid clock event")
        let kind = ClockKind(rawValue: request.clockKind)
        let clockEvent = ClockEvent(name: event, number: Int(request.reminderNumber))
        if case .recomputed = clockEvent, kind == .actionItem { try relayMovedDue(request) }
        // Events recorded before the marker moved into the event's transaction.
        let recordedEarlier = try desk.store.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM recorded_clock_event WHERE event_id = ?", arguments: [eventID])
                ?? false
        }
        guard !recordedEarlier else { return Wire.RecordClockEventResponse(recorded: false) }
        let key = "clock:" + eventID
        if try desk.earlierResult(of: key, on: request.orderId) != nil {
            return Wire.RecordClockEventResponse(recorded: false)
        }
        let due = Date(unixMilliseconds: request.dueUnixMs)
        var details = [
            "clock.id": request.clockId, "clock.kind": request.clockKind, "clock.event": event,
            "clock.event_id": eventID, "clock.due": ISO8601DateFormatter().string(from: due),
            "clock.reminder": "\(request.reminderNumber)",
        ]
        var note = "\(request.clockKind) \(event)"
        if let kind, let clockEvent {
            note = clockEvent.note(of: kind, due: due)
            if case .recomputed = clockEvent, request.previousDueUnixMs > 0 {
                let previous = Date(unixMilliseconds: request.previousDueUnixMs)
                details["clock.previous_due"] = ISO8601DateFormatter().string(from: previous)
                note =
                    previous == due
                    ? "\(clockEvent.label(of: kind))：时限 \(ShanghaiTime.chineseText(due)) 已按节假日通知确认"
                    : "\(clockEvent.label(of: kind))：由 \(ShanghaiTime.chineseText(previous)) 改为 \(ShanghaiTime.chineseText(due))"
            }
        }
        do {
            _ = try desk.apply(
                .urge(note: note), to: request.orderId, by: WorkOrder.Actor(id: credential.account, role: .system),
                details: details, idempotencyKey: key
            )
        } catch let error as any RPCErrorConvertible where error.rpcError.code == .failedPrecondition {
            // The order closed meanwhile: nothing to remind anyone of.
            return Wire.RecordClockEventResponse(recorded: false)
        }
        return Wire.RecordClockEventResponse(recorded: true)
    }

    /// Hands an action item's recomputed due to coordination through the outbox, once per event
    /// (a retried delivery finds it queued already).
    private func relayMovedDue(_ request: Wire.RecordClockEventRequest) throws {
        let move = Wire.MoveActionItemDueRequest(
            actionItemId: request.clockId, dueUnixMs: request.dueUnixMs, previousDueUnixMs: request.previousDueUnixMs,
            eventId: request.eventId,
            provisional: request.provisional
        )
        var message = IntakeOutbox.message(
            to: .coordination, method: Wire.Coordination.moveActionItemDue, body: try move.wireBytes(),
            orderID: request.orderId
        )
        message.deduplicationKey = "relay:" + request.eventId
        try desk.store.database.write { db in try IntakeOutbox.enqueue([message], at: Date(), in: db) }
        desk.outboxChanged()
    }

    func addArticle(_ request: Wire.AddArticleRequest, _ credential: Credential) throws -> Wire.AddArticleResponse {
        guard let article = request.article else {
            throw RPCError(
                .invalidArgument, "article is required",
                fieldViolations: [FieldViolation(field: "article", code: "required", message: "required")])
        }
        let stored = try desk.knowledgeBase.upsert([KnowledgeBase.Entry(article)], by: credential)
        desk.outboxChanged()
        return Wire.AddArticleResponse(article: stored.first.map(Wire.Article.init))
    }

    func searchArticles(_ request: Wire.SearchArticlesRequest) throws -> Wire.SearchArticlesResponse {
        var day = LocalDate(containing: Date())
        if !request.onDate.isEmpty {
            guard let parsed = LocalDate(request.onDate) else {
                throw RPCError(
                    .invalidArgument, "bad date",
                    fieldViolations: [
                        FieldViolation(field: "on_date", code: "invalid_date", message: "expected YYYY-MM-DD")
                    ])
            }
            day = parsed
        }
        let limit = request.limit == 0 ? 10 : min(Int(request.limit), 100)
        let hits = try desk.knowledgeBase.search(request.query, on: day, limit: limit)
        return Wire.SearchArticlesResponse(
            hits: hits.map { Wire.ArticleHit(article: Wire.Article($0.entry), score: $0.score) })
    }

    /// An answer from the knowledge base with the article's text, as the caller will read it: the
    /// answer and its policy basis. Only an article in force today answers.
    func withArticleAnswer(_ articleID: String) throws -> WorkOrderAction {
        guard let entry = try desk.knowledgeBase.entry(id: articleID) else {
            throw RPCError(
                .notFound, "no article \(articleID)",
                fieldViolations: [FieldViolation(field: "article_id", code: "not_found", message: "no such article")])
        }
        guard !entry.retired else {
            throw RPCError(
                .failedPrecondition, "知识库条目 \(articleID) 已撤销（article \(articleID) is retired）",
                fieldViolations: [
                    FieldViolation(field: "article_id", code: "retired", message: "the article was retired")
                ])
        }
        guard entry.isValid(on: LocalDate(containing: Date())) else {
            throw RPCError(
                .failedPrecondition, "知识库条目 \(articleID) 不在有效期内（article \(articleID) is not in force today）",
                fieldViolations: [
                    FieldViolation(field: "article_id", code: "not_in_force", message: "outside its validity period")
                ])
        }
        return .answerFromKnowledgeBase(articleID: entry.id, answer: entry.replyText)
    }

    func importArticles(_ request: Wire.ImportArticlesRequest, _ credential: Credential) throws
        -> Wire.ImportArticlesResponse
    {
        let entries = try KnowledgeBase.parseImport(request.content, format: request.format)
        let stored = try desk.knowledgeBase.upsert(entries, by: credential)
        desk.outboxChanged()
        return Wire.ImportArticlesResponse(imported: UInt32(stored.count))
    }
}

extension KnowledgeBase.Entry {
    /// The article's content, id and revision as given; where it comes from is the receiver's to say.
    init(_ article: Wire.Article) {
        self.init(
            id: article.id, question: article.question, answer: article.answer, policyBasis: article.policyBasis,
            tags: article.tags, validFrom: article.validFrom, validTo: article.validTo, version: Int(article.version),
            updatedAtMs: article.updatedUnixMs
        )
    }
}

extension Wire.Article {
    init(_ entry: KnowledgeBase.Entry) {
        self.init(
            id: entry.id, question: entry.question, answer: entry.answer, policyBasis: entry.policyBasis,
            tags: entry.tags, validFrom: entry.validFrom, validTo: entry.validTo, source: entry.source.rawValue,
            version: UInt32(clamping: entry.version), updatedUnixMs: entry.updatedAtMs
        )
    }
}

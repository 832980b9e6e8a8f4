public import PlatformAdapter
import Synchronization

extension PlatformSimulator {
    /// What the gateway delivered so far, counted by message id: per kind the deliveries, the
    /// distinct messages and the repeats, and every message id that arrived more than once with
    /// the instants (Unix milliseconds) it arrived. The gateway must deliver each message once; a
    /// repeat means it sent again what the platform had already acknowledged, or that the answer
    /// was lost on the way back (the instants let a test tell the two apart).
    public var receivedCounts: JSONValue {
        let receipts = state.withLock { $0.receipts }
        var kinds: [String: JSONValue] = [:]
        let names =
            PlatformAPI.OutboundKind.allCases.map(\.rawValue) + PlatformAPI.ArticleMessageKind.allCases.map(\.rawValue)
        for kind in names {
            let ofKind = receipts.values.filter { $0.kind == kind }
            let deliveries = ofKind.reduce(0) { $0 + $1.times.count }
            kinds[kind] = [
                "received": .integer(Int64(deliveries)), "unique": .integer(Int64(ofKind.count)),
                "duplicates": .integer(Int64(deliveries - ofKind.count)),
            ]
        }
        let repeated = receipts.filter { $0.value.times.count > 1 }.sorted { $0.key < $1.key }.map {
            id, receipt -> JSONValue in
            [
                "message_id": .string(id), "kind": .string(receipt.kind), "times": .integer(Int64(receipt.times.count)),
                "received_at_ms": .array(receipt.times.map { .integer($0) }),
            ]
        }
        let total = receipts.values.reduce(0) { $0 + $1.times.count }
        return [
            "received": .integer(Int64(total)), "unique": .integer(Int64(receipts.count)), "kinds": .object(kinds),
            "duplicates": .array(repeated),
        ]
    }
}

extension PlatformSimulator {
    /// The simulator's own pushes: counts of orders and events, and each push that did not get
    /// through with its order number, attempts and last error.
    public var ledgerJSON: JSONValue {
        let ledger = self.ledger
        func counts(_ counts: DeliveryLedger.Counts) -> JSONValue {
            [
                "pushed": .integer(Int64(counts.pushed)), "accepted": .integer(Int64(counts.accepted)),
                "duplicate": .integer(Int64(counts.duplicate)), "retried": .integer(Int64(counts.retried)),
                "refused": .integer(Int64(counts.refused)), "undelivered": .integer(Int64(counts.undelivered)),
            ]
        }
        return [
            "orders": counts(ledger.counts(orders: true)), "events": counts(ledger.counts(orders: false)),
            "failures": .array(ledger.failures.map(\.json)),
        ]
    }
}

extension DeliveryLedger.Entry {
    /// One line of a results file, or one failure of `/control/pushes`.
    public var json: JSONValue {
        [
            "key": .string(key), "order_no": .string(orderNumber), "order": .bool(isOrder),
            "outcome": .string(outcome.rawValue),
            "status": .integer(Int64(status)), "attempts": .integer(Int64(attempts)), "error": .string(lastError),
        ]
    }
}

import Domain
public import Foundation
public import PlatformAdapter
import Synchronization

extension PlatformSimulator {
    /// A decision the platform owes after a call from the gateway.
    enum Decision: Sendable {
        /// `requestedAt`: the request's `occurred_at` (when the unit filed it, before its deadline).
        case extensionRequest(orderNumber: String, days: Int, requestedAt: Date?)
        case returnRequest(orderNumber: String)
        case reply(orderNumber: String)
    }

    /// Handles one call from the gateway: verifies its signature like the gateway verifies the
    /// platform's, records it once per message id, and answers 200 (also for a repeat, which it
    /// reports as a duplicate: the gateway must never need to send one).
    public func receive(
        kind: PlatformAPI.OutboundKind, orderNumber: String, target: String, header: (String) -> String?, body: [UInt8],
        now: Date = Date()
    ) -> (status: Int, body: JSONValue) {
        let json: JSONValue
        let messageID: String
        switch admit(kind.rawValue, for: orderNumber, target: target, header: header, body: body, now: now) {
        case .success(let admitted): (json, messageID) = admitted
        case .failure(let refusal): return refusal.answer
        }
        let message = ReceivedMessage(
            messageID: messageID, kind: kind, orderNumber: orderNumber, body: json, duplicate: false)
        let (duplicate, merged, resumed) = state.withLock {
            state -> (Bool, Bool, [CheckedContinuation<ReceivedMessage, Never>]) in
            let duplicate = Self.noteReceipt(messageID, kind: kind.rawValue, at: now, in: &state)
            switch kind {
            case .merged: state.merged.insert(orderNumber)
            case .unmerged: state.merged.remove(orderNumber)
            default: break
            }
            var stored = message
            stored.duplicate = duplicate
            state.received.append(stored)
            var resumed: [CheckedContinuation<ReceivedMessage, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.matches(stored) else { return false }
                resumed.append(waiter.continuation)
                return true
            }
            return (duplicate, state.merged.contains(orderNumber), resumed)
        }
        for continuation in resumed { continuation.resume(returning: message) }
        output(
            "received \(duplicate ? "DUPLICATE " : "")\(kind.rawValue) for \(orderNumber) message=\(messageID)\(Self.details(kind, json)) → 200"
        )
        if !duplicate, configuration.autoRespond {
            switch kind {
            case .extensionRequest:
                decisionsContinuation.yield(
                    .extensionRequest(
                        orderNumber: orderNumber, days: Int(json["days"]?.integerValue ?? 5),
                        requestedAt: json["occurred_at"]?.stringValue.flatMap(ShanghaiTime.parseISO8601)))
            case .returnRequest:
                decisionsContinuation.yield(.returnRequest(orderNumber: orderNumber))
            case .reply where merged:
                break  // the reply of the order it was merged into: reviewed and called back there
            case .reply:
                decisionsContinuation.yield(.reply(orderNumber: orderNumber))
            case .acknowledgement, .progress, .merged, .unmerged:
                break
            }
        }
        return (200, ["message_id": .string(messageID), "status": .string(duplicate ? "duplicate" : "received")])
    }

    /// A call the simulator refused, with the answer it gave.
    struct Refusal: Error {
        var answer: (status: Int, body: JSONValue)
    }

    /// Verifies a call from the gateway and reads its message id: the JSON and the id, or the
    /// refusal to answer (401 for a bad signature, 422 without a message id).
    func admit(
        _ kind: String, for subject: String, target: String, header: (String) -> String?, body: [UInt8], now: Date
    ) -> Result<(JSONValue, String), Refusal> {
        if let refusal = verify(target: target, header: header, body: body, now: now) {
            output("refused \(kind) for \(subject) → 401 \(refusal)")
            return .failure(
                Refusal(
                    answer: (
                        401,
                        [
                            "error": [
                                "code": .string(refusal), "message": "the simulated platform refused the signature",
                            ]
                        ]
                    )))
        }
        guard let json = JSONValue.parse(body), let messageID = json["message_id"]?.stringValue, !messageID.isEmpty
        else {
            output("refused \(kind) for \(subject) → 422 invalid_fields [message_id]")
            return .failure(
                Refusal(
                    answer: (
                        422,
                        [
                            "error": [
                                "code": "invalid_fields", "message": "message_id is required",
                                "fields": [["field": "message_id", "code": "required", "message": "required"]],
                            ]
                        ]
                    )))
        }
        return .success((json, messageID))
    }

    /// Counts one arrival of `messageID`; whether it arrived before.
    static func noteReceipt(_ messageID: String, kind: String, at now: Date, in state: inout State) -> Bool {
        let duplicate = !state.messageIDs.insert(messageID).inserted
        state.receipts[messageID, default: (kind, [])].times.append(Int64((now.timeIntervalSince1970 * 1000).rounded()))
        return duplicate
    }

    /// The error code of a bad signature, or nil when it is good.
    private func verify(target: String, header: (String) -> String?, body: [UInt8], now: Date) -> String? {
        guard let appKey = header(PlatformSignature.Header.appKey),
            let timestampText = header(PlatformSignature.Header.timestamp),
            let nonce = header(PlatformSignature.Header.nonce),
            let signatureText = header(PlatformSignature.Header.signature)
        else { return "missing_credentials" }
        guard let timestamp = Int64(timestampText) else { return "malformed_credentials" }
        guard let secret = configuration.inboundCredentials.secret(for: appKey) else { return "unknown_app_key" }
        let nowSeconds = Int64(now.timeIntervalSince1970)
        guard abs(nowSeconds - timestamp) <= configuration.window else { return "timestamp_out_of_window" }
        let signature = PlatformSignature(appKey: appKey, timestamp: timestamp, nonce: nonce, signature: signatureText)
        guard signature.isValid(method: "POST", target: target, secret: secret, body: body) else {
            return "bad_signature"
        }
        let replayed = state.withLock { state -> Bool in
            state.nonces = state.nonces.filter { $0.value >= nowSeconds - configuration.window }
            return state.nonces.updateValue(timestamp, forKey: "\(appKey)/\(nonce)") != nil
        }
        return replayed ? "nonce_replayed" : nil
    }

    private static func details(_ kind: PlatformAPI.OutboundKind, _ json: JSONValue) -> String {
        switch kind {
        case .reply:
            " result=\(json["result_code"]?.stringValue ?? "?")"
                + (json["closure_standard"]?.stringValue.map { " standard=\($0)" } ?? "")
                + " text=\(json["text"]?.stringValue?.prefix(40) ?? "")"
        case .extensionRequest:
            " days=\(json["days"]?.integerValue ?? 0) basis=\(json["legal_basis"]?.stringValue?.prefix(30) ?? "")"
        case .returnRequest: " reason=\(json["reason"]?.stringValue?.prefix(40) ?? "")"
        case .progress, .unmerged: " text=\(json["text"]?.stringValue?.prefix(40) ?? "")"
        case .merged: " parent=\(json["parent_order_no"]?.stringValue ?? "-")"
        case .acknowledgement: " by=\(json["operator"]?.stringValue ?? "")"
        }
    }
}

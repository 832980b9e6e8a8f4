import Domain
import Foundation
import GRDB
import Identity
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

extension IntakeHandlers {
    /// The edit-log action of a caller shown in clear; its subject is the order id.
    static let callerRevealed = "caller_revealed"

    /// The order's caller in clear, for someone who reads the order and calls callers back
    /// (``WorkOrder/callerIsRevealable(to:unit:)``). Who, when and why is written before the
    /// answer: a failed write reveals nothing.
    func revealCaller(_ request: Wire.RevealCallerRequest, _ credential: Credential) throws -> Wire.RevealCallerResponse
    {
        var collector = ViolationCollector()
        _ = collector.require(request.orderId, field: "order_id")
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(2...200).contains(reason.count) {
            collector.violations.append(
                FieldViolation(field: "reason", code: "required", message: "say why, in 2 to 200 characters"))
        }
        try collector.check("invalid request to reveal a caller")
        let order = try resolve(request.orderId)
        guard order.isVisible(to: credential.roles, unit: credential.unit) else {
            throw RPCError(
                .permissionDenied, "order \(request.orderId) is not an order of unit \(credential.unit ?? "(none)")")
        }
        guard order.callerIsRevealable(to: credential.roles, unit: credential.unit) else {
            throw RPCError(.permissionDenied, "\(credential.account) works with masked callers only")
        }
        try desk.store.database.write { db in
            try EditLog.record(db, by: credential, action: Self.callerRevealed, subject: order.id, detail: reason)
        }
        logger.notice(
            "intake.caller.revealed", metadata: ["order.id": "\(order.id)", "account": "\(credential.account)"])
        let caller = order.caller
        return Wire.RevealCallerResponse(
            caller: Wire.Caller(name: caller.name, phone: caller.phone, idNumber: caller.idNumber ?? ""))
    }

    /// The edit-log action of a caller erased after the retention period; its subject is the order id.
    static let callerAnonymised = "caller_anonymised"

    /// Erases the callers of orders closed or returned longer ago than the retention period, each
    /// recorded in the edit log in the same transaction.
    func anonymiseCallers(_ request: Wire.AnonymiseCallersRequest, _ credential: Credential) throws
        -> Wire.AnonymiseCallersResponse
    {
        guard request.retentionDays >= 30 else {
            throw RPCError(
                .invalidArgument, "a retention period is at least 30 days",
                fieldViolations: [
                    FieldViolation(field: "retention_days", code: "out_of_range", message: "at least 30 days")
                ])
        }
        let cutoff = desk.now().addingTimeInterval(-Double(request.retentionDays) * 86_400)
        let anonymised = try desk.store.database.write { db in
            let ids = try desk.store.anonymiseCallers(closedBefore: cutoff, in: db)
            for id in ids {
                try EditLog.record(
                    db, by: credential, action: Self.callerAnonymised, subject: id,
                    detail: "retention \(request.retentionDays) days")
            }
            return ids.count
        }
        logger.notice(
            "intake.callers.anonymised",
            metadata: [
                "orders": "\(anonymised)", "retention_days": "\(request.retentionDays)",
                "account": "\(credential.account)",
            ])
        return Wire.AnonymiseCallersResponse(
            anonymised: UInt32(anonymised), closedBeforeUnixMs: Int64((cutoff.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Who saw `orderID`'s caller in clear, oldest first.
    func callerDisclosures(of orderID: String) throws -> [Wire.CallerDisclosure] {
        try desk.store.database.read { db in
            try EditLog.entries(db, action: Self.callerRevealed, subject: orderID)
        }.map { entry in
            Wire.CallerDisclosure(
                atUnixMs: Int64((entry.at.timeIntervalSince1970 * 1000).rounded()), account: entry.account,
                name: entry.name,
                roles: entry.roles, unit: entry.unit ?? "", reason: entry.detail)
        }
    }
}

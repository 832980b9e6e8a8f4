import Assessment
import Domain
import Foundation
import Identity
import RPC
import WireProtocol

extension IntakeHandlers {
    var assessment: AssessmentDesk {
        AssessmentDesk(
            store: AssessmentStore(database: desk.store.database), scheme: desk.assessmentScheme,
            outboxChanged: desk.outboxChanged)
    }

    func report(_ request: Wire.ReportRequest, _ credential: Credential) throws -> Wire.ReportResponse {
        let unit = try Self.reportUnit(asked: request.unit, by: credential)
        guard let period = ReportPeriod(parsing: request.period) else {
            throw RPCError(
                .invalidArgument, "bad period \(request.period)",
                fieldViolations: [
                    FieldViolation(
                        field: "period", code: "invalid_format",
                        message:
                            "a day 2026-03-05, week 2026-W10, month 2026-03, quarter 2026-Q1 or range 2026-03-01..2026-03-15"
                    )
                ]
            )
        }
        var names: [String: String] = [:]
        for entry in request.unitNames where !entry.code.isEmpty {
            names[entry.code] = entry.name.isEmpty ? entry.code : entry.name
        }
        let asOf = request.asOfUnixMs > 0 ? Date(unixMilliseconds: request.asOfUnixMs) : desk.now()
        let report = try assessment.report(period: period, unit: unit, asOf: asOf, unitNames: names)
        return Wire.ReportResponse(reportJson: [UInt8](try report.jsonData(pretty: false)))
    }

    /// The unit whose report `credential` may read: a unit's own people see their unit's row (ranked
    /// among all), the bureau-wide roles any or every unit.
    static func reportUnit(asked: String, by credential: Credential) throws(RPCError) -> String? {
        let bureauWide: Set<Role> = [.bureauDesk, .bureauLeader, .administrator, .taskForce, .system]
        guard credential.roles.isDisjoint(with: bureauWide) else { return asked.isEmpty ? nil : asked }
        guard let own = credential.unit else {
            throw RPCError(.permissionDenied, "\(credential.account) belongs to no unit and may read no unit's report")
        }
        guard asked.isEmpty || asked == own else {
            throw RPCError(.permissionDenied, "\(credential.account) of \(own) may not read the report of \(asked)")
        }
        return own
    }

    func sendDigest(_ request: Wire.SendDigestRequest) throws -> Wire.SendDigestResponse {
        let now = desk.now()
        var day = LocalDate(containing: now).addingClamped(days: -1)
        if !request.day.isEmpty {
            guard let parsed = LocalDate(request.day) else {
                throw RPCError(
                    .invalidArgument, "bad day",
                    fieldViolations: [
                        FieldViolation(field: "day", code: "invalid_date", message: "expected YYYY-MM-DD")
                    ])
            }
            day = parsed
        }
        return Wire.SendDigestResponse(
            queued: UInt32(try assessment.queueDigest(of: day, resend: request.resend, now: now)))
    }
}

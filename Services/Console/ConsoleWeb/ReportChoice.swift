import Assessment
import Domain
import Foundation
import WireProtocol

/// What the reports page was asked for: a period as intake's `ReportRequest.period` takes it
/// (typed, or a range from two dates), and optionally the day it counts up to, as a daily digest
/// does (the month so far, up to 24:00 of that day).
struct ReportChoice: Sendable, Equatable {
    var period: ReportPeriod
    var asOf: LocalDate?

    struct Refusal: Error, Equatable {
        let message: String
    }

    static let periodHint = "日 2026-03-05、周 2026-W10、月 2026-03、季度 2026-Q1 或区间 2026-03-01..2026-03-15"

    /// Reads `period` (or `from` and `to`, a range) and `asof`; nothing given is this month.
    init(_ fields: FormFields, today: LocalDate) throws(Refusal) {
        let from = fields.text("from")
        let to = fields.text("to")
        if from != nil || to != nil {
            guard let from, let to else { throw Refusal(message: "按日期区间查看时，请同时填写开始和结束日期") }
            guard let first = LocalDate(from), let last = LocalDate(to) else {
                throw Refusal(message: "日期应为 2026-03-05 这样的格式")
            }
            guard first <= last else { throw Refusal(message: "开始日期不能晚于结束日期") }
            guard let range = ReportPeriod(parsing: "\(first)..\(last)") else {
                throw Refusal(message: "日期区间无效：\(Self.periodHint)")
            }
            period = range
        } else if let text = fields.text("period") {
            guard let parsed = ReportPeriod(parsing: text) else {
                throw Refusal(message: "无法识别的期间“\(text)”。请填写\(Self.periodHint)")
            }
            period = parsed
        } else {
            period = .month(containing: today)
        }
        if let text = fields.text("asof") {
            guard let day = LocalDate(text) else { throw Refusal(message: "截至日期应为 2026-03-05 这样的格式") }
            asOf = day
        }
    }

    init(period: ReportPeriod, asOf: LocalDate? = nil) {
        self.period = period
        self.asOf = asOf
    }

    /// Intake's request, the units named as routing's directory has them (as `subanctl report`).
    func request(unitNames: [Wire.Unit]) -> Wire.ReportRequest {
        var request = Wire.ReportRequest(period: period.description)
        if let asOf { request.asOfUnixMs = Int64(asOf.endInstant.timeIntervalSince1970 * 1000) }
        request.unitNames = unitNames.filter(\.active).map { Wire.UnitName(code: $0.code, name: $0.name) }
        return request
    }

    /// The query of this choice, for links (the download, a digest's day).
    var query: String {
        "period=" + period.description + (asOf.map { "&asof=\($0)" } ?? "")
    }

    /// A download's file name: ASCII, named by the period (`suban-report-2026-03.xlsx`).
    func fileName(_ stem: String, extension: String) -> String {
        let period = period.description.replacingOccurrences(of: "..", with: "_to_")
        return "suban-\(stem)-\(period)" + (asOf.map { "-asof-\($0)" } ?? "") + "." + `extension`
    }
}

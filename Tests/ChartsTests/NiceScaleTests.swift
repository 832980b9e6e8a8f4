import Foundation
import Testing

@testable import Charts

@Suite("Nice scales")
struct NiceScaleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var minimum: Double
        var maximum: Double
        var ticks: [String]
        var testDescription: String { "\(minimum)…\(maximum)" }
    }

    static let coveringCases: [Case] = [
        Case(minimum: 0, maximum: 100, ticks: ["0", "20", "40", "60", "80", "100"]),
        Case(minimum: 0, maximum: 7, ticks: ["0", "2", "4", "6", "8"]),
        Case(minimum: 780, maximum: 920, ticks: ["750", "800", "850", "900", "950"]),
        Case(minimum: 0.12, maximum: 0.87, ticks: ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        Case(minimum: -15, maximum: 12.5, ticks: ["-20", "-10", "0", "10", "20"]),
        Case(minimum: 0, maximum: 0, ticks: ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        Case(minimum: 850, maximum: 850, ticks: ["750", "800", "850", "900", "950"]),
        Case(minimum: 3, maximum: 3, ticks: ["2.6", "2.8", "3", "3.2", "3.4"]),
        Case(minimum: 0, maximum: 12_480, ticks: ["0", "5,000", "10,000", "15,000"]),
    ]

    @Test(arguments: coveringCases)
    func coversTheDataWithNiceTicks(_ testCase: Case) {
        let scale = NiceScale(covering: testCase.minimum, testCase.maximum)
        let labels = scale.ticks.map { NumberFormat.value($0, fractionDigits: scale.fractionDigits) }
        #expect(labels == testCase.ticks)
        #expect(scale.lower == scale.ticks.first)
        #expect(scale.upper == scale.ticks.last)
    }

    @Test func aFixedRangeKeepsItsBounds() {
        let percent = NiceScale(fixed: 0...100)
        #expect(percent.lower == 0 && percent.upper == 100)
        #expect(percent.ticks == [0, 20, 40, 60, 80, 100])
        let odd = NiceScale(fixed: 5...95)
        #expect(odd.lower == 5 && odd.upper == 95)
        #expect(odd.ticks == [20, 40, 60, 80])
        let small = NiceScale(fixed: 0...0.3)
        #expect(small.ticks == [0, 0.1, 0.2, 0.3])
    }

    @Test(arguments: [(0.0, 1.0), (1, 9), (12, 13.7), (-0.004, 0.009), (1_000, 987_654), (-3e6, -2e6), (7, 700)])
    func stepsAreOneTwoOrFiveTimesAPowerOfTen(minimum: Double, maximum: Double) {
        let scale = NiceScale(covering: minimum, maximum)
        let mantissa = scale.step / pow(10, (log10(scale.step)).rounded(.down))
        #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step)")
        #expect(scale.ticks.count >= 2 && scale.ticks.count <= 6)
        #expect(scale.lower <= minimum && scale.upper >= maximum)
        for (a, b) in zip(scale.ticks, scale.ticks.dropFirst()) {
            #expect(abs(b - a - scale.step) < scale.step * 1e-9)
        }
    }

    @Test func numberFormattingIsPlainAndGrouped() {
        #expect(NumberFormat.value(1_234_567.891) == "1,234,567.89")
        #expect(NumberFormat.value(-1234.5) == "-1,234.5")
        #expect(NumberFormat.value(-0.0) == "0")
        #expect(NumberFormat.value(-0.001, fractionDigits: 2) == "0")
        #expect(NumberFormat.value(-0.001) == "-0.001")
        #expect(NumberFormat.value(0.000_000_345) == "0.00000034")
        #expect(NumberFormat.value(1e21) == "1,000,000,000,000,000,000,000")
        #expect(NumberFormat.value(.nan) == "—")
        #expect(NumberFormat.value(0.3, fractionDigits: 1) == "0.3")
        #expect(NumberFormat.coordinate(1e-7) == "0")
        #expect(NumberFormat.coordinate(123.456) == "123.46")
        #expect(NumberFormat.percent(0.1234) == "12.3%")
        #expect(NumberFormat.percent(0.5) == "50%")
    }

    @Test func longLabelsAreCutToFitWithAnEllipsis() {
        let long = "高新技术产业开发区管理委员会社会事务局"
        let cut = TextMetrics.truncate(long, toWidth: 100, fontSize: 12)
        #expect(cut.truncated)
        #expect(cut.text.hasSuffix("…"))
        #expect(long.hasPrefix(String(cut.text.dropLast())))
        #expect(TextMetrics.width(of: cut.text, fontSize: 12) <= 100)
        #expect(TextMetrics.truncate("东湖区", toWidth: 100, fontSize: 12) == ("东湖区", false))
    }
}

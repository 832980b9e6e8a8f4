import Foundation

/// What one run measured, printed as one table.
struct RunReport {
    var mode: String
    var preload: Int
    var planned: Int?
    var outcomes: [PushOutcome]
    var pushElapsed: Duration
    var findings: [String: PipelineCheck.Finding] = [:]
    var drainWaited: Duration = .zero
    var storedThoughNotAccepted = 0
    var peakResident: [(name: String, mebibytes: Double?)] = []
    /// The peak proportional set size of each service, in MiB (`MemorySampler`).
    var peakProportional: [String: Double] = [:]
    /// CPU seconds each process used from the first push until the pipeline drained.
    var cpuUsed: [(name: String, seconds: Double?)] = []
    var exitedEarly: [String] = []
    var loadBefore = ""
    var loadAfter = ""

    var accepted: [PushOutcome] { outcomes.filter(\.accepted) }
    var refused: [PushOutcome] { outcomes.filter { $0.status != nil && !$0.accepted } }
    var failed: [PushOutcome] { outcomes.filter { $0.status == nil } }

    /// Accepted orders not stored exactly once, not routed, or without an acknowledgement clock.
    var problems: [String] {
        accepted.compactMap { outcome in
            let finding = findings[outcome.number] ?? PipelineCheck.Finding()
            var missing: [String] = []
            if finding.intakeIDs.isEmpty { missing.append("not stored in intake") }
            if finding.intakeIDs.count > 1 { missing.append("stored \(finding.intakeIDs.count) times in intake") }
            if let id = finding.intakeIDs.first, finding.intakeIDs.count == 1, id != outcome.orderID {
                missing.append("stored as \(id), answered as \(outcome.orderID ?? "")")
            }
            if finding.units == 0 { missing.append("not routed") }
            if finding.acknowledgementClocks.isEmpty { missing.append("no acknowledgement clock") }
            if finding.acknowledgementClocks.count > 1 {
                missing.append("\(finding.acknowledgementClocks.count) acknowledgement clocks")
            }
            return missing.isEmpty ? nil : "\(outcome.number): \(missing.joined(separator: ", "))"
        }
    }

    /// Push to acknowledgement clock, in milliseconds, for each accepted order whose clock was set.
    var clockLags: [Double] {
        accepted.compactMap { outcome in
            findings[outcome.number]?.acknowledgementClocks.min().map { Double($0 - outcome.pushedAtMilliseconds) }
        }
    }

    func print() {
        let seconds = pushElapsed.seconds
        var rows: [(String, String)] = []
        rows.append(("load", "\(mode), \(preload) orders preloaded"))
        rows.append(
            (
                "orders offered",
                "\(outcomes.count)"
                    + (planned.map { $0 == outcomes.count ? "" : " (of \($0) planned: the pusher fell behind)" } ?? "")
            ))
        rows.append(
            (
                "accepted (201)",
                "\(accepted.count), \(Self.format(Double(accepted.count) / max(seconds, 0.001))) a second over \(Self.format(seconds)) s"
            ))
        rows.append(
            ("refused (HTTP, not 201)", "\(refused.count)" + Self.breakdown(refused.map { "\($0.status ?? 0)" })))
        rows.append(("failed (no HTTP answer)", "\(failed.count)" + Self.breakdown(failed.map { $0.failure ?? "" })))
        rows.append(
            ("stored though not 201", "\(storedThoughNotAccepted) of the refused or failed pushes are in intake anyway")
        )
        rows.append(("push → 201, ms", Self.percentiles(accepted.map { $0.latency.seconds * 1000 })))
        rows.append(("push → all answers, ms", Self.percentiles(outcomes.map { $0.latency.seconds * 1000 })))
        rows.append(("push → ack clock set, ms", Self.percentiles(clockLags) + "  (sla_clock.created_ms)"))
        rows.append(("drained", "\(Self.format(drainWaited.seconds)) s after the last answer"))
        let services = peakResident.filter { $0.name != "simulator" }
        let total = services.compactMap(\.mebibytes).reduce(0, +)
        for entry in peakResident {
            rows.append(("peak RSS \(entry.name), MiB", entry.mebibytes.map { Self.format($0) } ?? "exited"))
        }
        rows.append(("peak RSS services, MiB", "\(Self.format(total)) (sum of the five, simulator apart)"))
        if peakProportional.count == ServiceStack.services.count {
            let proportional = ServiceStack.services.compactMap { peakProportional[$0] }
            rows.append(
                (
                    "peak PSS services, MiB",
                    "\(Self.format(proportional.reduce(0, +))) (sum of each one's peak; shared libraries counted once: "
                        + ServiceStack.services.map { "\($0) \(Self.format(peakProportional[$0] ?? 0))" }.joined(
                            separator: ", ") + ")"
                ))
        }
        rows += cpuRows()
        rows.append(("load average", "\(loadBefore) before, \(loadAfter) after"))
        let problems = problems
        if !exitedEarly.isEmpty { rows.append(("SERVICES EXITED", exitedEarly.joined(separator: ", "))) }
        rows.append(
            (
                "check",
                problems.isEmpty
                    ? "OK: all \(accepted.count) accepted orders stored once, routed and clocked"
                    : "FAILED: \(problems.count) of \(accepted.count) accepted orders incomplete"
            ))
        let width = rows.map(\.0.count).max() ?? 0
        Swift.print(String(repeating: "-", count: 78))
        for (label, value) in rows {
            Swift.print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        Swift.print(String(repeating: "-", count: 78))
        for problem in problems.prefix(20) { Swift.print("  " + problem) }
        if problems.count > 20 { Swift.print("  … and \(problems.count - 20) more") }
    }

    /// CPU per accepted order of each process, and the rate the services' CPU alone would allow
    /// on this machine's cores: the ceiling a run on this machine cannot pass.
    func cpuRows() -> [(String, String)] {
        guard !accepted.isEmpty else { return [] }
        let perOrder = cpuUsed.map { entry in
            (name: entry.name, milliseconds: entry.seconds.map { $0 * 1000 / Double(accepted.count) })
        }
        let rows = perOrder.map { entry in
            ("CPU per order \(entry.name), ms", entry.milliseconds.map { Self.format3($0) } ?? "exited")
        }
        let services = perOrder.filter { ServiceStack.services.contains($0.name) }.compactMap(\.milliseconds)
        let total = services.reduce(0, +)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard services.count == ServiceStack.services.count, total > 0 else { return rows }
        return rows + [
            ("CPU per order services, ms", "\(Self.format3(total)) (sum of the five, until drained)"),
            (
                "ceiling from CPU",
                "\(Self.format(Double(cores) * 1000 / total)) orders a second on \(cores) cores for the services alone"
            ),
        ]
    }

    static func format3(_ value: Double) -> String { String(format: "%.3f", value) }

    /// ` (503×12, 429×3)`, most frequent first; empty when there is nothing.
    static func breakdown(_ values: [String]) -> String {
        guard !values.isEmpty else { return "" }
        let counts = Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.value > $1.value }
        return " (" + counts.prefix(4).map { "\($0.key.prefix(80))×\($0.value)" }.joined(separator: ", ") + ")"
    }

    static func percentiles(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "none" }
        let sorted = values.sorted()
        func at(_ fraction: Double) -> Double {
            sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
        return "p50 \(format(at(0.5)))  p99 \(format(at(0.99)))  max \(format(sorted.last ?? 0))  (n=\(sorted.count))"
    }

    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

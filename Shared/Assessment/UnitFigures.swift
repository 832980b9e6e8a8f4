/// The figures of one unit (or the whole bureau) for one period, each a sum of facts of that
/// period (docs/assessment.md defines them). Rates are `nil` when nothing was there to measure.
public struct UnitFigures: Sendable, Hashable, Codable {
    public var received = 0
    public var acknowledged = 0
    public var acknowledgedOnTime = 0
    public var acknowledgedLate = 0
    public var averageAcknowledgeMinutes: Double?
    public var replied = 0
    public var closed = 0
    public var closedOnTime = 0
    public var closedLate = 0
    public var averageHandlingWorkingDays: Double?
    public var overdueEver = 0
    public var overdueNow = 0
    public var extensionsRequested = 0
    public var extensionsGranted = 0
    public var extensionsDenied = 0
    public var returnsRequested = 0
    public var returned = 0
    public var returnsRefused = 0
    public var sentBack = 0
    public var reopened = 0
    public var merged = 0
    public var callbacks = 0
    /// Callbacks that reached the caller (every outcome but unreachable).
    public var callbacksReached = 0
    public var callbacksSolved = 0
    /// Satisfied or basically satisfied.
    public var callbacksSatisfied = 0
    public var greenClosed = 0
    public var greenClosedOnTime = 0
    public var wageOrdersClosed = 0
    public var wageWorkersHelped = 0
    public var wageAmountRecoveredYuan = 0.0

    /// 按时签收率: on-time acknowledgements over acknowledgements decided (on time or late).
    public var acknowledgedOnTimeRate: Double?
    /// 按时办结率: closures on time over closures.
    public var closedOnTimeRate: Double?
    /// 退单率: orders the platform took back over orders received.
    public var returnRate: Double?
    /// 重办率: new cycles over replies sent.
    public var reopenRate: Double?
    /// 响应率: callbacks that reached the caller over callbacks.
    public var responseRate: Double?
    /// 解决率: reached callbacks of replies that said solved over reached callbacks.
    public var resolutionRate: Double?
    /// 满意率: satisfied or basically satisfied over reached callbacks.
    public var satisfactionRate: Double?
    /// 销号率 of the green channel: closed on time over closed.
    public var greenOnTimeRate: Double?

    public init() {}

    /// Sums `tallies` (all of one unit, or all units for the bureau) and works out the rates.
    public init(tallies: some Sequence<FactTally>, overdueNow: Int) {
        var acknowledgeSeconds = 0.0
        var recoveredFen = 0.0
        var handlingDays = 0.0
        for tally in tallies {
            let count = tally.count
            switch tally.kind {
            case .received: received += count
            case .acknowledged:
                acknowledged += count
                acknowledgeSeconds += tally.value
            case .acknowledgedOnTime: acknowledgedOnTime += count
            case .acknowledgedLate: acknowledgedLate += count
            case .replied: replied += count
            case .closed:
                closed += count
                handlingDays += tally.value
            case .closedOnTime: closedOnTime += count
            case .closedLate: closedLate += count
            case .greenClosed: greenClosed += count
            case .greenClosedOnTime: greenClosedOnTime += count
            case .overdue: overdueEver += count
            case .extensionRequested: extensionsRequested += count
            case .extensionGranted: extensionsGranted += count
            case .extensionDenied: extensionsDenied += count
            case .returnRequested: returnsRequested += count
            case .returned: returned += count
            case .returnRefused: returnsRefused += count
            case .sentBack: sentBack += count
            case .reopened: reopened += count
            case .merged: merged += count
            case .callback:
                callbacks += count
                guard tally.label != WorkOrderCallbackLabel.unreachable else { break }
                callbacksReached += count
                callbacksSolved += Int(tally.value.rounded())
                if WorkOrderCallbackLabel.satisfied.contains(tally.label) { callbacksSatisfied += count }
            case .wageRecovered:
                wageOrdersClosed += count
                wageWorkersHelped += Int(tally.value.rounded())
                recoveredFen += tally.amount
            case .keyword: break
            }
        }
        self.overdueNow = overdueNow
        wageAmountRecoveredYuan = recoveredFen / 100
        averageAcknowledgeMinutes = Self.ratio(acknowledgeSeconds / 60, acknowledged)
        averageHandlingWorkingDays = Self.ratio(handlingDays, closed)
        acknowledgedOnTimeRate = Self.ratio(Double(acknowledgedOnTime), acknowledgedOnTime + acknowledgedLate)
        closedOnTimeRate = Self.ratio(Double(closedOnTime), closed)
        returnRate = Self.ratio(Double(returned), received)
        reopenRate = Self.ratio(Double(reopened), replied)
        responseRate = Self.ratio(Double(callbacksReached), callbacks)
        resolutionRate = Self.ratio(Double(callbacksSolved), callbacksReached)
        satisfactionRate = Self.ratio(Double(callbacksSatisfied), callbacksReached)
        greenOnTimeRate = Self.ratio(Double(greenClosedOnTime), greenClosed)
    }

    static func ratio(_ part: Double, _ whole: Int) -> Double? {
        whole == 0 ? nil : part / Double(whole)
    }
}

/// The callback outcomes as fact labels (``Domain/WorkOrder/CallbackOutcome`` raw values).
enum WorkOrderCallbackLabel {
    static let unreachable = "unreachable"
    static let satisfied: Set<String> = ["satisfied", "basically_satisfied"]
}

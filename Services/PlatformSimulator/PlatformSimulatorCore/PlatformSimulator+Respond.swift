import Foundation
import PlatformAdapter
import Synchronization

extension PlatformSimulator {
    /// Works off the decisions the platform owes, one at a time, after the call that caused each
    /// was answered: extension and return requests are granted, replies reviewed by the policy,
    /// and an accepted reply gets its callback. Ends when `finishResponder()` is called.
    public func runResponder() async {
        for await decision in decisions {
            switch decision {
            case .extensionRequest(let number, let days, let requestedAt):
                let current = state.withLock { $0.orders[number]?.deadline }
                let (granted, basis) = ExtensionGrant.deadline(
                    days: days, currentDeadline: current, requestedAt: requestedAt)
                output(
                    "granting extension of \(number): \(days) working days → \(Self.iso8601(granted)) (from the \(basis.rawValue))"
                )
                let decision = await pushEvent(
                    .extensionDecision, on: number, ["approved": true, "new_deadline": .string(Self.iso8601(granted))])
                if decision.status == 200 {
                    state.withLock { $0.orders[number, default: OrderInfo()].deadline = granted }
                }
            case .returnRequest(let number):
                await pushEvent(.returnDecision, on: number, ["approved": true, "reason": "同意退回，请重新派单"])
            case .reply(let number):
                let replies = state.withLock { state -> Int in
                    state.orders[number, default: OrderInfo()].replies += 1
                    return state.orders[number, default: OrderInfo()].replies
                }
                if configuration.reviewPolicy == .sendBackFirst, replies == 1 {
                    await pushEvent(.review, on: number, ["accepted": false, "reason": "答复内容不完整，请补充办理结果后重新答复"])
                    continue
                }
                let review = await pushEvent(.review, on: number, ["accepted": true])
                guard review.status == 200 else { continue }
                await pushEvent(
                    .callback, on: number, ["outcome": .string(configuration.callbackOutcome), "note": "回访来电人"])
            }
        }
    }

    /// Ends `runResponder()` once the decisions already owed are made.
    public func finishResponder() {
        decisionsContinuation.finish()
    }
}

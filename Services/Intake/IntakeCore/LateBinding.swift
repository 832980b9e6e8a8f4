import Synchronization

/// A call bound after construction: the desk wakes the outbox sender, which is built after the
/// desk because it routes through it.
final class LateBinding: Sendable {
    private let target = Mutex<(@Sendable () -> Void)?>(nil)

    func bind(_ action: @escaping @Sendable () -> Void) {
        target.withLock { $0 = action }
    }

    func callAsFunction() {
        target.withLock { $0 }?()
    }
}

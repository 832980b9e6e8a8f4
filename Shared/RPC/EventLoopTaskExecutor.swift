import NIOCore

/// Runs tasks on one event loop, so that a connection's calls, its I/O and its handlers share a
/// thread: with many calls in flight the cost is otherwise dominated by threads waking each other.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

import GRDB
import Instrumentation
import Tracing

extension ServiceDatabase {
    /// Gives each write transaction of the writer connection a span, from `BEGIN` to `COMMIT` or
    /// `ROLLBACK`, a child of the work that writes (a synchronous write runs on its caller's
    /// thread, where the caller's context is current). Nothing is installed when `tracer` records
    /// nothing, so that an untraced service pays no hook per statement.
    static func traceWriteTransactions(of db: Database, name: String, tracer: any Tracer) {
        guard !db.configuration.readonly, !(tracer is NoOpTracer) else { return }
        let transaction = WriteTransactionSpan(database: name, tracer: tracer)
        db.trace(options: .statement) { event in
            guard case .statement(let statement) = event else { return }
            transaction.observe(statement.sql)
        }
    }
}

/// The span of the writer's open transaction; used on the writer's queue only.
final class WriteTransactionSpan {
    private let database: String
    private let tracer: any Tracer
    private var open: (any Span)?

    init(database: String, tracer: any Tracer) {
        self.database = database
        self.tracer = tracer
    }

    func observe(_ sql: String) {
        if sql.hasPrefix("BEGIN") {
            open?.end()
            let span = tracer.startSpan(
                "transaction \(database)", context: ServiceContext.current ?? .topLevel, ofKind: .client)
            span.attributes["db.system"] = "sqlite"
            span.attributes["db.system.name"] = "sqlite"
            span.attributes["db.namespace"] = database
            span.attributes["db.operation.name"] = "transaction"
            open = span
        } else if sql.hasPrefix("COMMIT") {
            open?.end()
            open = nil
        } else if sql.hasPrefix("ROLLBACK"), !sql.contains("SAVEPOINT") {
            open?.setStatus(SpanStatus(code: .error, message: "rolled back"))
            open?.end()
            open = nil
        }
    }
}

import Instrumentation
import Logging
import ServiceKit
import Testing
import Traces

/// Every log line written in a call names the call's trace id, whichever logger writes it.
@Suite("Log lines name the call's trace id")
struct CallTraceMetadataTests {
    @Test func aLineInACallCarriesItsTraceIDAndALineOutsideNone() {
        var context = ServiceContext.topLevel
        context.callTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
        let inside = ServiceContext.withValue(context) { Logger.MetadataProvider.callTrace.get() }
        #expect(inside["trace.id"] == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(Logger.MetadataProvider.callTrace.get().isEmpty)
    }
}

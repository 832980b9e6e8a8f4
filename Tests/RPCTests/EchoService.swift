import RPC
import TestSupport
import WireProtocol

/// A tiny service for the RPC tests, using the health messages as payloads so that no test-only
/// .proto is needed: `echo` returns the request's service name as the response's.
enum EchoService {
    static func router(
        slowGate: Gate? = nil,
        reached: Gate? = nil,
        arrivals: ArrivalCounter? = nil
    ) -> RPCRouter {
        var router = RPCRouter()
        router.register("test.echo") { (request: HealthResponse, _) in
            HealthResponse(
                service: request.service, status: .serving, version: "", startedAtUnixMilliseconds: 0,
                uptimeMilliseconds: 0)
        }
        router.register("test.slow") { (request: HealthResponse, _) in
            reached?.open()
            arrivals?.arrive()
            await slowGate?.wait()
            return request
        }
        router.register("test.trace") { (_: HealthRequest, context) in
            HealthResponse(
                service: context.traceID, status: .serving, version: "", startedAtUnixMilliseconds: 0,
                uptimeMilliseconds: 0)
        }
        router.register("test.invalid") { (_: HealthRequest, _) -> HealthResponse in
            throw RPCError(
                .invalidArgument,
                "order rejected",
                fieldViolations: [
                    FieldViolation(field: "caller.phone", code: "malformed", message: "not a phone number")
                ]
            )
        }
        router.register("test.crash") { (_: HealthRequest, _) -> HealthResponse in
            struct SecretDatabaseError: Error {}
            throw SecretDatabaseError()
        }
        return router
    }

    static func request(_ text: String) -> HealthResponse {
        HealthResponse(
            service: text, status: .serving, version: "", startedAtUnixMilliseconds: 0, uptimeMilliseconds: 0)
    }
}

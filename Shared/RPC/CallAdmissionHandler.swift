import NIOCore
import WireProtocol

/// What the connection's task gets from its event loop: a call to run, or the protocol violation
/// that ends the connection.
enum AdmittedFrame: Sendable {
    case call(Envelope, RPCRouter.RawHandler)
    case violation(String)
}

/// Admits each frame as it is read, on the connection's event loop. Calls that need no task are
/// answered right there — immediate handlers, unknown methods, refusals — with one flush per read
/// burst; calls for task handlers go on to the connection's task. After a protocol violation it
/// passes that on and drops whatever the peer sends after it.
final class CallAdmissionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = AdmittedFrame
    typealias OutboundOut = ByteBuffer

    private let server: RPCServer
    private let calls: ConnectionCalls
    private let peer: String
    private var violated = false
    private var unflushed = false

    init(server: RPCServer, calls: ConnectionCalls, peer: String) {
        self.server = server
        self.calls = calls
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !violated else { return }
        do {
            switch try server.admit(unwrapInboundIn(data), calls: calls, peer: peer) {
            case .run(let request, let handler):
                context.fireChannelRead(wrapInboundOut(.call(request, handler)))
            case .runImmediately(let request, let handler):
                write(server.answerImmediately(request, with: handler), context: context)
            case .refuse(let answer):
                write(answer, context: context)
            }
        } catch {
            violated = true
            let description = (error as? RPCServer.ProtocolViolation)?.description ?? "\(error)"
            context.fireChannelRead(wrapInboundOut(.violation(description)))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    private func write(_ frame: ByteBuffer, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(frame), promise: nil)
        unflushed = true
    }
}

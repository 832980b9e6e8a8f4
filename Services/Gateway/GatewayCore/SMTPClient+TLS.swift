import NIOCore
import NIOSSL
import NIOTLS

extension SMTPClient {
    /// Full verification against the system's roots and those in `trustRootsFile`: the chain must
    /// be trusted and the certificate must name the host.
    static func makeTLSContext(trustingAlso trustRootsFile: String?) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        tls.trustRoots = .default
        if let trustRootsFile {
            tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(trustRootsFile))]
        }
        return try NIOSSLContext(configuration: tls)
    }
}

extension SMTPClient.Session {
    /// STARTTLS (RFC 3207): after the server's `220`, TLS goes under the live connection and the
    /// session starts over with EHLO; what the server said before TLS is forgotten (§4.2).
    mutating func startTLS(
        on channel: any Channel, context: NIOSSLContext, host: String, offered: Extensions, clientName: String
    ) async throws -> Extensions {
        guard offered.offersStartTLS else {
            throw SMTPClient.Failure(
                description:
                    "the SMTP server does not offer STARTTLS, which SUBAN_SMTP_TLS=starttls requires; no credentials or mail were sent",
                permanent: false
            )
        }
        try await command("STARTTLS", expect: 220)
        // Anything already here arrived in clear text and would be read as if from inside TLS.
        guard !hasUnreadBytes else {
            throw SMTPClient.Failure(
                description:
                    "the SMTP server sent data after its STARTTLS reply, before TLS; no credentials or mail were sent",
                permanent: false)
        }
        do {
            try await Self.handshake(on: channel, context: context, host: host)
        } catch {
            throw SMTPClient.Failure(
                description:
                    "TLS with \(host) failed, so no credentials or mail were sent (the certificate must chain to the system's roots or SUBAN_SMTP_CA_FILE and name the host): \(error)",
                permanent: false
            )
        }
        return try await hello(clientName)
    }

    /// Adds NIOSSL's handler in front of the pipeline and waits until the handshake, certificate
    /// and host name checks included, has succeeded or failed.
    private static func handshake(on channel: any Channel, context: NIOSSLContext, host: String) async throws {
        // An address cannot go in SNI; without a name NIOSSL matches the certificate's IP entries against the peer's.
        let serverHostname: String? = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        do {
            try await channel.eventLoop.submit {
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
                try channel.pipeline.syncOperations.addHandler(
                    HandshakeWatcher(handshake: handshake), position: .after(tls))
            }.get()
        } catch {
            handshake.fail(error)  // never left pending
            throw error
        }
        try await handshake.futureResult.get()
    }

    /// Completes `handshake` when the TLS handler in front of it reports the outcome.
    private final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        private var handshake: EventLoopPromise<Void>?

        init(handshake: EventLoopPromise<Void>) {
            self.handshake = handshake
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted? = event as? TLSUserEvent { complete(with: .success(())) }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            complete(with: .failure(error))
            context.fireErrorCaught(error)
        }

        func channelInactive(context: ChannelHandlerContext) {
            complete(
                with: .failure(
                    SMTPClient.Failure(description: "the connection closed during the TLS handshake", permanent: false))
            )
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            complete(with: .failure(ChannelError.ioOnClosedChannel))
        }

        private func complete(with result: Result<Void, any Error>) {
            handshake?.completeWith(result)
            handshake = nil
        }
    }
}

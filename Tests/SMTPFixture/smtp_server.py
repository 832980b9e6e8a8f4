#!/usr/bin/env python3
"""A real SMTP server with STARTTLS and AUTH for the gateway's tests (GatewayTests, SMTPSecurityTests).

aiosmtpd on 127.0.0.1 and a free port, told on stdout as `smtp-ready PORT`. Then one JSON line per
event, so that the test can assert what the server saw, not only what the client says:
  {"event": "auth-command", "tls": bool}         any AUTH command at all (credentials on the wire)
  {"event": "auth", "mechanism", "login", "success"}
  {"event": "message", "from", "to", "subject", "tls", "login"}
It stops when its standard input closes.

  --cert/--key   the certificate chain and key STARTTLS presents; without them STARTTLS is not offered
  --user/--password   the one account the authenticator accepts
  --plain-auth   offer AUTH without TLS (a careless relay: credentials sent to it are seen in clear)
  --inject-after-starttls   not aiosmtpd but a hostile server: its reply to STARTTLS carries a second,
                 clear-text reply in the same write, meant to be read as if it came from inside TLS
"""
import argparse
import asyncio
import email
import email.policy
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def emit(**event):
    print(json.dumps(event), flush=True)


class RecordingSMTP(SMTP):
    async def smtp_AUTH(self, arg):
        emit(event="auth-command", tls=self._tls_protocol is not None)
        await super().smtp_AUTH(arg)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        emit(event="message", **{"from": envelope.mail_from}, to=envelope.rcpt_tos, subject=str(message["subject"]),
             tls=session.ssl is not None, login=login)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--plain-auth", action="store_true")
    parser.add_argument("--inject-after-starttls", action="store_true")
    options = parser.parse_args()

    tls_context = None
    if options.cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(options.cert, options.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        success = (isinstance(auth_data, LoginPassword) and auth_data.login == options.user.encode()
                   and auth_data.password == options.password.encode())
        login = auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else None
        emit(event="auth", mechanism=mechanism, login=login, success=success)
        return AuthResult(success=success, handled=False, auth_data=auth_data if success else None)

    def factory():
        return RecordingSMTP(
            Handler(), hostname="mail.test", tls_context=tls_context, require_starttls=tls_context is not None,
            authenticator=authenticate, auth_required=True, auth_require_tls=not options.plain_auth)

    async def injecting(reader, writer):
        writer.write(b"220 mail.test ESMTP\r\n")
        while line := await reader.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("EHLO"):
                writer.write(b"250-mail.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n")
            elif command == "STARTTLS":
                writer.write(b"220 Ready to start TLS\r\n250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n")
            elif command.startswith("AUTH"):
                emit(event="auth-command", tls=False)
                writer.write(b"235 2.7.0 Authentication successful\r\n")
            else:
                writer.write(b"502 not here\r\n")
            await writer.drain()
        writer.close()

    async def serve():
        loop = asyncio.get_running_loop()
        if options.inject_after_starttls:
            server = await asyncio.start_server(injecting, host="127.0.0.1", port=0)
        else:
            server = await loop.create_server(factory, host="127.0.0.1", port=0)
        port = server.sockets[0].getsockname()[1]
        print("smtp-ready %d" % port, flush=True)
        # Serve until the test closes our standard input.
        await loop.run_in_executor(None, sys.stdin.read)
        server.close()
        await server.wait_closed()

    asyncio.run(serve())


if __name__ == "__main__":
    main()

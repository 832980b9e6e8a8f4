#!/usr/bin/env python3
"""An SMTP sink for the chaos test: accepts every message on 127.0.0.1 and appends one line per
message (its Message-ID, the notification id the gateway put in it, and the recipients) to a file,
flushed at once, so that the checker can count each notification's deliveries.

Usage: smtp_sink.py PORT FILE      (prints "smtp-ready 127.0.0.1:PORT" once it listens)
"""
import json
import signal
import sys
import threading
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self, path):
        self.out = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        message_id = (headers.get("Message-ID") or "").strip().strip("<>")
        line = json.dumps({"message_id": message_id, "to": list(envelope.rcpt_tos)}, ensure_ascii=False)
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()
        return "250 Message accepted for delivery"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(CountingHandler(path), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp-ready 127.0.0.1:{port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()

"""An OTLP/HTTP collector for tests: takes span exports as JSON (OTLP/JSON, the exporters'
`http/json` protocol) on any path, prints each span as one JSON line on standard output, and
stops when standard input closes. Used by the system tests (Shared/TestSupport/OTLPSink.swift)
and by scripts/compose-smoke.sh, which checks one order's trace across the containers.

    python3 otlp_sink.py PORT [--until-killed]
PORT 0 picks a free port; the first line printed is "otlp-ready PORT". With --until-killed it
serves until a signal stops it instead of until standard input closes.
"""
import base64, binascii, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def hex_id(value):
    # OTLP/JSON says hex; protobuf's JSON mapping (which some exporters use) says base64.
    if not value:
        return ""
    if len(value) in (16, 32) and all(c in "0123456789abcdefABCDEF" for c in value):
        return value.lower()
    return binascii.hexlify(base64.b64decode(value)).decode()

def service_name(resource):
    for attribute in resource.get("attributes", []):
        if attribute.get("key") == "service.name":
            return attribute.get("value", {}).get("stringValue", "")
    return ""

printing = threading.Lock()

def report(line):
    # One whole line at a time: each export is answered on a thread of its own, and print()
    # writes the text and its newline apart, so two exports could otherwise share a line.
    with printing:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

class Handler(BaseHTTPRequestHandler):
    # Keep-alive, as the exporter expects: an HTTP/1.0 close under a reused connection
    # loses that batch of spans.
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        for resource_spans in body.get("resourceSpans", []):
            service = service_name(resource_spans.get("resource", {}))
            for scope_spans in resource_spans.get("scopeSpans", []):
                for span in scope_spans.get("spans", []):
                    report(json.dumps({
                        "service": service, "name": span.get("name", ""), "trace": hex_id(span.get("traceId")),
                        "span": hex_id(span.get("spanId")), "parent": hex_id(span.get("parentSpanId")),
                        "kind": int(span.get("kind", 0)),
                    }))
        reply = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *arguments):
        pass

server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print("otlp-ready %d" % server.server_address[1], flush=True)
if "--until-killed" in sys.argv[2:]:
    server.serve_forever()
else:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()

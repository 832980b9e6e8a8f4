"""The real Suban services for the browser tests (Tests/Browser), started as processes.

Like scripts/chaos/run.py, whose helpers it imports: the six services on 127.0.0.1 at free ports
with a fresh data folder, keys and trust from scripts/identity.sh (with the operator issuer, so
that the harness can read orders with `subanctl --as`), the SMTP sink and the platform simulator
serving the platform side. Unlike the chaos run it keeps the shipped clocks (no warning may move
a count while a test compares two pages), keeps the roster's one-time passwords for the tests to
sign in with, loads a few knowledge-base articles and lets the console serve its web pages.
"""
import hashlib
import hmac
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "chaos"))
from run import free_ports, port_open, wait_until  # noqa: E402  (the chaos run's; importing it starts nothing)

SERVICES = ["gateway", "intake", "routing", "sla", "coordination", "console"]
ROSTER = os.path.join(ROOT, "docs", "roster-example.csv")
IDENTITY_SCRIPT = os.path.join(ROOT, "scripts", "identity.sh")
SMTP_SINK = os.path.join(ROOT, "scripts", "chaos", "smtp_sink.py")
ADMIN_PASSWORD = "browser-test administrator"
# The harness's own reads (an order's state and units) act as the desk through the operator key.
HARNESS_ACTOR = "bureau_desk:browser-harness@office"


class Stack:
    def __init__(self, bin_dir, kb_file=None):
        self.bin = os.path.abspath(bin_dir)
        self.kb_file = kb_file
        self.work = tempfile.mkdtemp(prefix="suban-browser.", dir=os.environ.get("TMPDIR", "/tmp"))
        self.data = os.path.join(self.work, "data")
        self.logs = os.path.join(self.work, "log")
        os.makedirs(self.data)
        os.makedirs(self.logs)
        self.processes = {}  # name -> Popen, stopped by pid in stop()
        self.one_time_passwords = {}  # login -> the password `accounts import` printed
        self.counter = 0
        self.console_url = None

    # Processes ---------------------------------------------------------------------------------

    def start_process(self, name, argv):
        with open(os.path.join(self.logs, f"{name}.log"), "ab") as out:
            self.processes[name] = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                                    stdin=subprocess.DEVNULL, cwd=self.work)
        return self.processes[name]

    def stop(self):
        """SIGTERM to each process this stack started, SIGKILL after 15 s: the simulator and the
        console (the browsers' edge) first, then the rest in reverse order of start. (A console
        that served signed-in pages takes about a minute to exit once its peers are gone.)"""
        names = list(reversed(self.processes))
        names.sort(key=lambda name: name not in ("simulator", "console"))  # stable: the rest keep their order
        for name in names:
            process = self.processes[name]
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)

    def log_text(self, name):
        try:
            with open(os.path.join(self.logs, f"{name}.log"), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def ctl(self, *arguments, env=None, answers=None, timeout=30):
        return subprocess.run([os.path.join(self.bin, "subanctl"), *arguments], env=env or self.ctl_env,
                              input=answers, capture_output=True, text=True, timeout=timeout)

    # Set-up ------------------------------------------------------------------------------------

    def configure(self):
        ports = free_ports(len(SERVICES) + 4)
        self.ports = dict(zip(SERVICES, ports))
        self.http_port, self.sim_port, self.smtp_port, self.console_http_port = ports[len(SERVICES):]
        self.push_key, self.push_secret = "browser-platform", secrets.token_hex(16)
        outbound_secret = secrets.token_hex(16)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUBAN_")}
        env.update({
            "SUBAN_DATA_DIR": self.data,
            "SUBAN_LOG_LEVEL": "notice",
            "SUBAN_GATEWAY_HTTP_HOST": "127.0.0.1",
            "SUBAN_GATEWAY_HTTP_PORT": str(self.http_port),
            "SUBAN_GATEWAY_PLATFORM_KEYS": f"{self.push_key}:{self.push_secret}",
            "SUBAN_GATEWAY_PLATFORM_URL": f"http://127.0.0.1:{self.sim_port}",
            "SUBAN_GATEWAY_OUTBOUND_KEY": "browser-bureau",
            "SUBAN_GATEWAY_OUTBOUND_SECRET": outbound_secret,
            "SUBAN_GATEWAY_RETRY_INITIAL_MS": "200",
            "SUBAN_GATEWAY_RETRY_MAX_MS": "2000",
            "SUBAN_SMTP_HOST": "127.0.0.1",
            "SUBAN_SMTP_PORT": str(self.smtp_port),
            "SUBAN_SMTP_FROM": "suban@browser.example.cn",
            "SUBAN_DIGEST_TIME": "off",
            "SUBAN_CONSOLE_BCRYPT_COST": "4",  # 37 one-time passwords and every sign-in, without seconds of bcrypt
            "SUBAN_CONSOLE_HTTP_HOST": "127.0.0.1",
            "SUBAN_CONSOLE_HTTP_PORT": str(self.console_http_port),
            "SUBAN_SIMULATOR_GATEWAY_URL": f"http://127.0.0.1:{self.http_port}",
            "SUBAN_SIMULATOR_APP_KEY": self.push_key,
            "SUBAN_SIMULATOR_SECRET": self.push_secret,
            "SUBAN_SIMULATOR_INBOUND_KEYS": f"browser-bureau:{outbound_secret}",
            "SUBAN_SIMULATOR_HTTP_HOST": "127.0.0.1",
            "SUBAN_SIMULATOR_HTTP_PORT": str(self.sim_port),
        })
        for service, port in self.ports.items():
            env[f"SUBAN_{service.upper()}_HOST"] = "127.0.0.1"
            env[f"SUBAN_{service.upper()}_PORT"] = str(port)
            # A free metrics port: the default 742x may belong to a stack running beside this one.
            env[f"SUBAN_{service.upper()}_METRICS_PORT"] = "0"
        result = subprocess.run(
            ["bash", "-c", '. "$1" && suban_identity "$2" && printf "%s\\n%s\\n" "$SUBAN_TRUSTED_ISSUERS" "$SUBAN_OPERATOR_KEY_FILE"',
             "identity", IDENTITY_SCRIPT, self.bin],
            env=dict(env, SUBAN_OPERATOR_OVERRIDE="1"), capture_output=True, text=True, timeout=120)
        lines = result.stdout.splitlines()
        if result.returncode != 0 or len(lines) != 2 or not all(lines):
            raise RuntimeError(f"scripts/identity.sh failed (exit {result.returncode}): {result.stderr.strip()}")
        env["SUBAN_TRUSTED_ISSUERS"] = lines[0]
        self.env = env
        self.ctl_env = dict(env, SUBAN_OPERATOR_KEY_FILE=lines[1], SUBAN_AS=HARNESS_ACTOR,
                            SUBAN_CONFIG_DIR=os.path.join(self.work, "harness"))
        self.admin_env = dict(env, SUBAN_CONFIG_DIR=os.path.join(self.work, "admin"))

    def start(self):
        self.configure()
        sink = self.start_process("smtp-sink", [sys.executable, SMTP_SINK, str(self.smtp_port),
                                                os.path.join(self.work, "mail.jsonl")])
        wait_until("the SMTP sink", 30, lambda: sink.poll() is None and port_open(self.smtp_port))
        for service in ["console", "routing", "sla", "intake", "coordination", "gateway"]:
            self.start_process(service, [os.path.join(self.bin, f"suban-{service}")])
        for service in SERVICES:
            self.wait_ready(service)
        self.import_roster()
        if self.kb_file:
            self.admin("kb", "import", self.kb_file)
        self.start_process("simulator", [os.path.join(self.bin, "suban-platform-simulator"), "serve"])
        wait_until("the platform simulator", 60,
                   lambda: self.alive("simulator") and "simulator-ready" in self.log_text("simulator"))

    def alive(self, name):
        process = self.processes[name]
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log_text(name)[-3000:]}")
        return True

    def wait_ready(self, service, seconds=60):
        def ready():
            self.alive(service)
            if not re.search(r"^ready ", self.log_text(service), re.M):
                return False
            return service != "gateway" or port_open(self.http_port)
        wait_until(f"{service} to print ready", seconds, ready)

    def wait_console_http(self, seconds=20):
        """The console announces its pages with `http-ready 127.0.0.1:PORT` on standard output."""
        pattern = re.compile(r"^http-ready (\S+):(\d+)\s*$", re.M)
        wait_until("the console to print http-ready", seconds,
                   lambda: self.alive("console") and pattern.search(self.log_text("console")))
        host, port = pattern.search(self.log_text("console")).groups()
        self.console_url = f"http://{host}:{port}"
        return self.console_url

    def admin(self, *arguments, answers=None):
        result = self.ctl(*arguments, env=self.admin_env, answers=answers, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"subanctl {' '.join(arguments[:2])} failed (exit {result.returncode}): {result.stderr.strip()}")
        return result.stdout

    def import_roster(self):
        """As an administrator would: bootstrap, sign in, own password, import; keeps what it prints."""
        boot = subprocess.run([os.path.join(self.bin, "suban-console"), "bootstrap-admin", "--login", "admin",
                               "--name", "管理员"], env=self.admin_env, capture_output=True, text=True, timeout=60)
        if boot.returncode != 0:
            raise RuntimeError(f"bootstrap-admin failed: {boot.stderr.strip()}")
        one_time = boot.stdout.strip()
        self.admin("login", "--login", "admin", answers=one_time + "\n")
        self.admin("passwd", answers=f"{one_time}\n{ADMIN_PASSWORD}\n")
        printed = self.admin("accounts", "import", ROSTER)
        self.one_time_passwords = self.parse_import(printed)
        if not self.one_time_passwords:
            raise RuntimeError(f"no one-time password in what `accounts import` printed:\n{printed}")

    @staticmethod
    def parse_import(printed):
        """The table under `created N accounts…`: LOGIN first, ONE-TIME PASSWORD last on each row."""
        passwords, in_table = {}, False
        for line in printed.splitlines():
            fields = line.split()
            if fields[:1] == ["LOGIN"]:
                in_table = True
            elif in_table and len(fields) >= 5:
                passwords[fields[0]] = fields[-1]
        return passwords

    # Orders ------------------------------------------------------------------------------------

    def order_number(self):
        self.counter += 1
        return f"BRW{time.strftime('%H%M%S')}{os.getpid() % 1000:03d}N{self.counter}"

    def push_order(self, topic, urgency="normal", content=None, kind=None):
        """A new order from the platform; returns (platform order number, intake order id).

        Without `content` the simulator pushes one of its templates (`POST /sim/orders`). Its control
        API takes no content, so an order with chosen words is pushed here as the simulator would:
        the same signed adapter (docs/platform-api.md, Authentication) with the simulator's key."""
        number = self.order_number()
        if content is None and kind is None:
            answer = self.http_json(f"http://127.0.0.1:{self.sim_port}/sim/orders",
                                    {"order_no": number, "topic": topic, "urgency": urgency})
            status, body = answer["gateway_status"], answer["gateway_body"]
        else:
            now = time.time()
            order = {
                "order_no": number, "urgency": urgency, "kind": kind or "complaint", "topic": topic,
                "content": content or "来电人反映相关问题，请核实处理。", "address": "三门峡市湖滨区",
                "caller": {"name": "王伟", "phone": "13912345678"},
                "dispatched_at": time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(now + 8 * 3600)),
                "deadline": time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(now + 8 * 3600 + 10 * 86400)),
            }
            status, body = self.signed_push("/platform/v1/orders", order)
        if status not in (200, 201) or not body.get("order_id"):
            raise RuntimeError(f"push of {number} ({topic}) → {status} {body}")
        return number, body["order_id"]

    def signed_push(self, path, payload):
        body = json.dumps(payload, ensure_ascii=False).encode()
        timestamp, nonce = str(int(time.time())), secrets.token_hex(12)
        canonical = "\n".join(["POST", path, self.push_key, timestamp, nonce, hashlib.sha256(body).hexdigest()])
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "X-Suban-App-Key": self.push_key,
            "X-Suban-Timestamp": timestamp, "X-Suban-Nonce": nonce,
            "X-Suban-Signature": hmac.new(self.push_secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()})
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    @staticmethod
    def http_json(url, payload=None):
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(url, data=data, method="GET" if data is None else "POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def show(self, order_id):
        """`subanctl show --output json`, read as the desk: {"order": …, "events": […]}."""
        result = self.ctl("show", order_id, "--output", "json")
        if result.returncode != 0:
            raise RuntimeError(f"subanctl show {order_id}: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def order(self, order_id):
        return self.show(order_id)["order"]

    def wait_routed(self, order_id, seconds=30):
        """Until routing assigned the order to its unit(s); returns the order."""
        seen = {}

        def routed():
            seen["order"] = self.order(order_id)
            return seen["order"].get("state") == "assigned_pending_ack"
        wait_until(f"order {order_id} to be assigned (last: {seen.get('order', {}).get('state')})", seconds, routed)
        return seen["order"]

    def simulator_lines(self, prefix):
        return [line for line in self.log_text("simulator").splitlines() if line.startswith(prefix)]

    def wait_reply(self, order_number, seconds=30):
        """The simulator's `received reply for NUMBER …` line, once the gateway delivered it."""
        wait_until(f"the platform to receive the reply for {order_number}", seconds,
                   lambda: self.simulator_lines(f"received reply for {order_number} "))
        return self.simulator_lines(f"received reply for {order_number} ")[0]

    def list_orders(self, **filters):
        """`subanctl list --output json` (one page of up to 500), read as the desk."""
        arguments = ["list", "--limit", "500", "--output", "json"]
        for name, value in filters.items():
            arguments += [f"--{name}", value]
        result = self.ctl(*arguments)
        if result.returncode != 0:
            raise RuntimeError(f"subanctl list: {result.stderr.strip()}")
        listed = json.loads(result.stdout)
        return listed if isinstance(listed, list) else listed["orders"]

#!/usr/bin/env python3
"""The chaos run behind scripts/chaos.sh (see docs/RELIABILITY.md).

Starts the six services on 127.0.0.1 at free ports with a fresh data folder, an SMTP sink, the
platform simulator serving the platform side, and the simulator's load run; while the load runs it
acknowledges a share of the routed orders with subanctl and kills -9 each service in turn at
random moments, restarting it a few seconds later. Then it waits (bounded, polling the databases)
until the system is quiet and runs check.py. Every process it starts is stopped on exit, by pid.

Identity (docs/identity.md): scripts/identity.sh makes every issuer's key under the data folder's
keys/ (each service finds its own there) and the trust every service reads, the operator issuer
included; subanctl signs its calls with the operator key (--as, or SUBAN_AS for the rest).
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

SERVICES = ["gateway", "intake", "routing", "sla", "coordination", "console"]
# The console holds the people the gateway mails (docs/roster-example.csv, imported at start); the
# load's acknowledgements use subanctl's operator override rather than signing in 37 people.
ROSTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "roster-example.csv")
IDENTITY_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "identity.sh")
# Who subanctl is when a command does not say --as: reads need a credential too.
CTL_ACTOR = "bureau_desk:chaos@office"


def log(message):
    print(f"chaos: {message}", flush=True)


def free_ports(count):
    """`count` distinct ports nothing is bound to now, for services that must know each other's
    address before they start. Drawn below Linux's ephemeral range (32768 and up): a port from that
    range can become, between this choice and the service's bind, the source port of any outgoing
    connection on the machine, and the bind then fails (it did in CI: the gateway's HTTP port). The
    Swift system tests draw from 20000-29999 (SystemTestPorts); these from 10000-19999."""
    chosen = []
    for port in random.sample(range(10_000, 20_000), min(count * 50, 10_000)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        chosen.append(port)
        if len(chosen) == count:
            return chosen
    raise RuntimeError(f"found {len(chosen)} free ports of the {count} needed in 10000-19999")


def port_open(port):
    """Whether something listens on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_until(what, seconds, condition, interval=0.2):
    """Polls condition() until it is true, at most `seconds`; raises naming what was awaited."""
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} (waited {seconds} s)")
        time.sleep(interval)


def policy(ack_urgent_minutes, ack_normal_minutes):
    """Short acknowledgement clocks, so that warnings, overdue events and one reminder fire during
    the run; the other kinds as shipped (Services/SLA/README.md)."""
    days = lambda n: {"workingDays": n}  # noqa: E731
    slow = [{"fractionOfSpan": 0.8}, {"minutesBefore": 1440}]
    return {
        "profile": "chaos-short-clocks",
        "policies": [
            {"name": "acknowledge.urgent", "kind": "acknowledge", "match": {"urgency": ["urgent"]},
             "due": {"minutes": ack_urgent_minutes}, "warnings": [{"fractionOfSpan": 0.5}],
             "reminders": {"everyMinutes": 1, "limit": 1}},
            {"name": "acknowledge.normal", "kind": "acknowledge", "due": {"minutes": ack_normal_minutes},
             "warnings": [{"fractionOfSpan": 0.5}], "reminders": {"everyMinutes": 1, "limit": 1}},
            {"name": "handling.general", "kind": "handling", "due": days(13), "warnings": slow,
             "reminders": {"everyMinutes": 1440}},
            {"name": "green.same_day", "kind": "green_same_day", "due": {"sameDay": True},
             "warnings": [{"fractionOfSpan": 0.5}], "reminders": {"everyMinutes": 1440}},
            {"name": "green.complex", "kind": "green_complex", "due": days(7), "warnings": slow,
             "reminders": {"everyMinutes": 1440}},
            {"name": "green.difficult", "kind": "green_difficult", "due": days(15), "warnings": slow,
             "reminders": {"everyMinutes": 1440}},
            {"name": "action_item.default", "kind": "action_item", "due": days(5), "warnings": slow,
             "reminders": {"everyMinutes": 1440}},
        ],
        "extension": {"capMonths": 1, "kinds": ["handling", "green_difficult", "green_complex"]},
    }


class Run:
    def __init__(self, args):
        self.args = args
        self.bin = args.bin
        self.work = tempfile.mkdtemp(prefix="suban-chaos.", dir=os.environ.get("TMPDIR", "/tmp"))
        self.data = os.path.join(self.work, "data")
        self.logs = os.path.join(self.work, "log")
        os.makedirs(self.data)
        os.makedirs(self.logs)
        self.processes = {}  # name -> Popen
        self.lock = threading.Lock()
        self.closed = False
        self.stop = threading.Event()
        self.random = random.Random(args.seed)
        self.kills = []  # (service, at seconds since load start, down seconds, ready seconds)
        self.acked = set()
        self.ack_failures = 0
        self.errors = []
        self.first_seen = {}
        self.gateway_kills_ms = []
        self.waiting = 0

    # Processes ---------------------------------------------------------------------------------

    def start(self, name, argv, env=None):
        # Under the lock, so that a restart racing the clean-up either is stopped by it or never starts.
        with self.lock:
            if self.closed:
                raise RuntimeError(f"not starting {name}: the run is ending")
            with open(os.path.join(self.logs, f"{name}.log"), "ab") as out:
                process = subprocess.Popen(argv, env=env or self.env, stdout=out, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL, cwd=self.work)
            self.processes[name] = process
        return process

    def kill(self, name, sig=signal.SIGKILL):
        with self.lock:
            process = self.processes.get(name)
        if process and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def cleanup(self):
        with self.lock:
            self.closed = True
            names = list(self.processes)
        for name in reversed(names):
            self.kill(name, signal.SIGTERM)

    def log_tail(self, name, lines=20):
        try:
            with open(os.path.join(self.logs, f"{name}.log"), "rb") as f:
                return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
        except OSError:
            return ""

    def ctl(self, *arguments, timeout=20):
        return subprocess.run([os.path.join(self.bin, "subanctl"), *arguments], env=self.ctl_env, capture_output=True,
                              text=True, timeout=timeout)

    def probe(self, service):
        try:
            return self.ctl("probe", service, "--timeout-ms", "1000", timeout=10).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def start_service(self, service):
        self.start(service, [os.path.join(self.bin, f"suban-{service}")])

    def wait_ready(self, service, seconds=90):
        process = self.processes[service]

        def ready():
            if process.poll() is not None:
                raise RuntimeError(f"{service} exited with {process.returncode}:\n{self.log_tail(service)}")
            if not self.probe(service):
                return False
            return service != "gateway" or port_open(self.http_port)

        wait_until(f"{service} to answer its probe", seconds, ready)

    # Set-up ------------------------------------------------------------------------------------

    def configure(self):
        ports = free_ports(len(SERVICES) + 4)
        self.ports = dict(zip(SERVICES, ports))
        self.http_port, self.sim_port, self.smtp_port, self.console_http_port = ports[len(SERVICES):]
        secret = lambda: os.urandom(16).hex()  # noqa: E731
        push_secret, outbound_secret = secret(), secret()
        policy_file = os.path.join(self.work, "sla-policy.json")
        with open(policy_file, "w") as f:
            json.dump(policy(self.args.ack_urgent_minutes, self.args.ack_normal_minutes), f, indent=2)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUBAN_")}
        env.update({
            "SUBAN_DATA_DIR": self.data,
            "SUBAN_LOG_LEVEL": "notice",
            "SUBAN_GATEWAY_HTTP_HOST": "127.0.0.1",
            "SUBAN_GATEWAY_HTTP_PORT": str(self.http_port),
            "SUBAN_GATEWAY_PLATFORM_KEYS": f"chaos-platform:{push_secret}",
            "SUBAN_GATEWAY_PLATFORM_URL": f"http://127.0.0.1:{self.sim_port}",
            "SUBAN_GATEWAY_OUTBOUND_KEY": "chaos-bureau",
            "SUBAN_GATEWAY_OUTBOUND_SECRET": outbound_secret,
            "SUBAN_GATEWAY_RETRY_INITIAL_MS": "200",
            "SUBAN_GATEWAY_RETRY_MAX_MS": "3000",
            "SUBAN_SMTP_HOST": "127.0.0.1",
            "SUBAN_SMTP_PORT": str(self.smtp_port),
            "SUBAN_SMTP_FROM": "suban@chaos.example.cn",
            "SUBAN_SLA_POLICY_FILE": policy_file,
            "SUBAN_DIGEST_TIME": "off",
            "SUBAN_CONSOLE_BCRYPT_COST": "4",  # 37 one-time passwords at start, not 10 s of bcrypt
            "SUBAN_CONSOLE_HTTP_HOST": "127.0.0.1",
            "SUBAN_CONSOLE_HTTP_PORT": str(self.console_http_port),
            "SUBAN_SIMULATOR_GATEWAY_URL": f"http://127.0.0.1:{self.http_port}",
            "SUBAN_SIMULATOR_APP_KEY": "chaos-platform",
            "SUBAN_SIMULATOR_SECRET": push_secret,
            "SUBAN_SIMULATOR_INBOUND_KEYS": f"chaos-bureau:{outbound_secret}",
            "SUBAN_SIMULATOR_HTTP_HOST": "127.0.0.1",
            "SUBAN_SIMULATOR_HTTP_PORT": str(self.sim_port),
        })
        for service, port in self.ports.items():
            env[f"SUBAN_{service.upper()}_HOST"] = "127.0.0.1"
            env[f"SUBAN_{service.upper()}_PORT"] = str(port)
            # A free metrics port: the default 742x may belong to a stack running beside this one.
            env[f"SUBAN_{service.upper()}_METRICS_PORT"] = "0"
        trust, operator_key = self.identity(env)
        env["SUBAN_TRUSTED_ISSUERS"] = trust
        self.env = env
        self.ctl_env = dict(env, SUBAN_OPERATOR_KEY_FILE=operator_key, SUBAN_AS=CTL_ACTOR)
        self.mail_file = os.path.join(self.work, "mail.jsonl")
        self.results_file = os.path.join(self.work, "load-results.jsonl")
        log(f"work folder {self.work}; ports {self.ports}, http {self.http_port}, simulator {self.sim_port}, "
            f"smtp {self.smtp_port}")

    def identity(self, env):
        """Every issuer's key under the data folder (mode 600, each service reads its own from
        keys/<service>.key by default) and the trust, as scripts/identity.sh makes them, with the
        operator issuer for subanctl's --as. Returns (SUBAN_TRUSTED_ISSUERS, operator key file)."""
        result = subprocess.run(
            ["bash", "-c", '. "$1" && suban_identity "$2" && printf "%s\\n%s\\n" "$SUBAN_TRUSTED_ISSUERS" "$SUBAN_OPERATOR_KEY_FILE"',
             "identity", IDENTITY_SCRIPT, self.bin],
            env=dict(env, SUBAN_OPERATOR_OVERRIDE="1"), capture_output=True, text=True, timeout=120)
        lines = result.stdout.splitlines()
        if result.returncode != 0 or len(lines) != 2 or not all(lines):
            raise RuntimeError(f"scripts/identity.sh failed (exit {result.returncode}): {result.stderr.strip()}")
        trust, operator_key = lines
        log(f"keys under {os.path.join(self.data, 'keys')}; trusted issuers "
            + ", ".join(entry.split(":")[0] for entry in trust.split(";")))
        return trust, operator_key

    def bring_up(self):
        sink = self.start("smtp-sink", [sys.executable, os.path.join(os.path.dirname(__file__), "smtp_sink.py"),
                                        str(self.smtp_port), self.mail_file])
        wait_until("the SMTP sink", 30, lambda: sink.poll() is None and port_open(self.smtp_port))
        for service in ["console", "routing", "sla", "intake", "coordination", "gateway"]:
            self.start_service(service)
        for service in SERVICES:
            self.wait_ready(service)
        self.import_roster()
        simulator = self.start("simulator", [os.path.join(self.bin, "suban-platform-simulator"), "serve"])
        wait_until("the platform simulator", 60,
                   lambda: simulator.poll() is None and "simulator-ready" in self.log_tail("simulator", 50))
        log("services, SMTP sink and platform simulator are up")

    def import_roster(self):
        """The units' people, as an administrator enters them: bootstrap, sign in, own password, import."""
        admin_env = dict(self.env, SUBAN_CONFIG_DIR=os.path.join(self.work, "admin"), SUBAN_AS="")

        def run(argv, answers=None):
            result = subprocess.run(argv, env=admin_env, input=answers, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise RuntimeError(f"{' '.join(argv[:3])} failed (exit {result.returncode}): {result.stderr.strip()}")
            return result.stdout

        one_time = run([os.path.join(self.bin, "suban-console"), "bootstrap-admin", "--login", "admin",
                        "--name", "管理员"]).strip()
        ctl = os.path.join(self.bin, "subanctl")
        run([ctl, "login", "--login", "admin"], one_time + "\n")
        run([ctl, "passwd"], f"{one_time}\nchaos administrator password\n")
        created = run([ctl, "accounts", "import", ROSTER]).splitlines()[0]
        log(f"roster: {created}")

    # During the load ---------------------------------------------------------------------------

    def kill_schedule(self, start, duration, rounds):
        """Each service `rounds` times, one at a time, each at a random moment of its own slot of
        the `duration` seconds from `start`."""
        order = []
        for _ in range(rounds):
            round_ = SERVICES[:]
            self.random.shuffle(round_)
            order += round_
        slot = duration / max(1, len(order))
        return [(service, start + index * slot + self.random.uniform(0, slot * 0.4), self.random.uniform(1.5, 4.0))
                for index, service in enumerate(order)]

    def killer(self, started, schedule):
        for service, at, down in schedule:
            delay = started + at - time.monotonic()
            if delay > 0 and self.stop.wait(delay):
                return
            killed_at = time.monotonic()
            if service == "gateway":
                self.gateway_kills_ms.append(int(time.time() * 1000))
            self.kill(service)
            log(f"killed -9 {service} at {killed_at - started:.1f} s; restarting in {down:.1f} s")
            time.sleep(down)
            try:
                self.start_service(service)
                self.wait_ready(service)
            except Exception as error:  # reported with the findings; the run goes on
                self.errors.append(f"{service} did not come back after its kill: {error}")
                continue
            ready = time.monotonic() - killed_at
            self.kills.append((service, round(killed_at - started, 1), round(down, 1), round(ready, 1)))
            log(f"{service} answers again, {ready:.1f} s after the kill")

    def acknowledge_round(self, pool):
        """Acknowledges the share of routed 12345 orders that falls to it (by a hash of the number)."""
        try:
            rows = check.query(os.path.join(self.data, "intake.sqlite"), """
                SELECT w.id, w.platform_order_number, u.unit FROM work_order w
                JOIN work_order_unit u ON u.order_id = w.id
                WHERE w.state = 'assigned_pending_ack' AND w.channel = 'hotline_12345'""")
        except Exception:  # intake is restarting or the file is busy: next round
            return 0
        units = {}
        now = time.monotonic()
        self.waiting = 0
        for order_id, number, unit in rows:
            digest = zlib.crc32(number.encode())
            if order_id in self.acked or digest % 100 >= self.args.ack_share:
                continue
            # Each chosen order is acknowledged at its own delay after it was first seen routed, some
            # only after their clock warned or fell overdue, so that acknowledgements keep flowing
            # to the platform while services are being killed after the load.
            seen = self.first_seen.setdefault(order_id, now)
            self.waiting += 1
            if now < seen + (digest // 100 % 1000) / 1000 * self.args.ack_delay_seconds:
                continue
            units.setdefault(order_id, []).append(unit)

        def acknowledge(item):
            order_id, candidates = item
            for unit in sorted(candidates):
                try:
                    result = self.ctl("acknowledge", order_id, "--as", f"liaison:chaos@{unit}", "--output", "json")
                except subprocess.TimeoutExpired:
                    return False
                if result.returncode == 0:
                    return True
                if "failed_precondition" in result.stderr:  # acknowledged meanwhile (a retry after a lost answer)
                    return True
                if "permission_denied" not in result.stderr:
                    return False
            return False

        items = list(units.items())
        done = 0
        for (order_id, _), ok in zip(items, pool.map(acknowledge, items)):
            if ok:
                self.acked.add(order_id)
                done += 1
            else:
                self.ack_failures += 1
        return done

    def acker(self, load_done):
        with ThreadPoolExecutor(max_workers=4) as pool:
            idle_after_load = 0
            while not self.stop.is_set():
                done = self.acknowledge_round(pool)
                waiting = self.waiting
                if load_done.is_set():
                    idle_after_load = idle_after_load + 1 if done == 0 and waiting == 0 else 0
                    if idle_after_load >= 5:
                        return
                self.stop.wait(1.0)

    # After the load ----------------------------------------------------------------------------

    def wait_quiet(self, seconds):
        """Until nothing is pending anywhere and nothing moved for three polls in a row."""
        previous, stable = None, 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                snapshot = check.activity(self.data, self.sim_port, self.mail_file)
            except Exception as error:  # a database busy for a moment
                snapshot = {"error": str(error)}
            pending = snapshot.get("pending", 1)
            stable = stable + 1 if snapshot == previous and pending == 0 else 0
            if stable >= 3:
                return True, snapshot
            previous = snapshot
            time.sleep(2)
        return False, previous

    def run(self):
        args = self.args
        self.configure()
        self.bring_up()
        duration = args.count / args.rate
        # K rounds of kills during the load, then more in the minutes after it in which the
        # acknowledgement clocks warn, fall overdue and remind, and late acknowledgements flow.
        schedule = self.kill_schedule(0, duration, args.kills_per_service)
        schedule += self.kill_schedule(duration, args.kill_after_load, args.kill_rounds_after_load)
        log(f"load: {args.count} orders at {args.rate}/s (~{duration:.0f} s); kills: "
            + ", ".join(f"{s}@{at:.1f}s" for s, at, _ in schedule))
        started = time.monotonic()
        load = self.start("load", [os.path.join(self.bin, "suban-platform-simulator"), "load",
                                   "--rate", str(args.rate), "--count", str(args.count), "--seed", str(args.seed),
                                   "--attempts", str(args.push_attempts), "--retry-initial-ms", "200",
                                   "--retry-max-ms", "3000", "--timeout-ms", "10000", "--results", self.results_file])
        load_done = threading.Event()
        killer = threading.Thread(target=self.killer, args=(started, schedule), daemon=True)
        acker = threading.Thread(target=self.acker, args=(load_done,), daemon=True)
        killer.start()
        acker.start()
        try:
            load.wait(timeout=duration * 3 + 300)
        except subprocess.TimeoutExpired:
            raise TimeoutError("the load run did not finish")
        load_done.set()
        load_seconds = time.monotonic() - started
        log(f"load finished in {load_seconds:.0f} s (exit {load.returncode}): "
            + " | ".join(l for l in self.log_tail("load", 400).splitlines() if l.startswith("load:"))[:2000])
        killer.join(timeout=duration + args.kill_after_load + 300)
        if killer.is_alive():
            raise TimeoutError("the kills did not finish")
        acker.join(timeout=args.ack_delay_seconds + 300)
        self.stop.set()
        log(f"acknowledged {len(self.acked)} orders with subanctl ({self.ack_failures} attempts failed and were retried)")
        # The last clocks fire ack_normal + one reminder minute after the last order.
        quiet_bound = 60 * (args.ack_normal_minutes + 1) + args.quiet_seconds
        quiet, snapshot = self.wait_quiet(quiet_bound)
        waited = time.monotonic() - started - load_seconds
        log(f"{'quiet' if quiet else 'NOT quiet'} {waited:.0f} s after the load: {json.dumps(snapshot)}")
        report = check.check(self.data, self.sim_port, self.mail_file, self.results_file, self.gateway_kills_ms)
        elapsed = time.monotonic() - started
        print()
        print(check.render(report, kills=self.kills, acked=len(self.acked), quiet=quiet, seconds=elapsed,
                           command=" ".join(sys.argv[1:])))
        problems = self.errors + report["problems"] + ([] if quiet else ["the system did not become quiet within the bound"])
        return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--kills-per-service", type=int, default=2)
    parser.add_argument("--ack-share", type=int, default=40, help="percent of routed orders acknowledged")
    parser.add_argument("--ack-urgent-minutes", type=int, default=1)
    parser.add_argument("--ack-normal-minutes", type=int, default=2)
    parser.add_argument("--push-attempts", type=int, default=30)
    parser.add_argument("--ack-delay-seconds", type=float, default=90,
                        help="each acknowledged order waits up to this long after it was routed")
    parser.add_argument("--kill-after-load", type=float, default=90,
                        help="seconds after the load over which --kill-rounds-after-load rounds of kills spread")
    parser.add_argument("--kill-rounds-after-load", type=int, default=1)
    parser.add_argument("--quiet-seconds", type=int, default=120, help="extra bound for the wait until quiet")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--keep", action="store_true", help="keep the work folder also when the run passes")
    args = parser.parse_args()
    run = Run(args)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    # Explicitly: a shell that starts this in the background hands it SIGINT ignored.
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)
    status = 1
    try:
        problems = run.run()
        if problems:
            print(f"chaos: FAILED ({len(problems)} findings):", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
        else:
            print("chaos: passed: no loss, no duplicate, nothing stuck")
            status = 0
    except (Exception, KeyboardInterrupt) as error:
        print(f"chaos: FAILED: {error}", file=sys.stderr)
    finally:
        run.stop.set()
        run.cleanup()
        if status == 0 and not args.keep:
            subprocess.run(["rm", "-rf", run.work])
        else:
            print(f"chaos: logs and databases kept in {run.work}", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The chaos test's checker: reads every service's SQLite file read-only, the platform simulator's
counts (GET /control/received) and the SMTP sink's file, and finds lost, duplicated and stuck work.

Usage: check.py DATA_DIR SIMULATOR_PORT MAIL_FILE LOAD_RESULTS   (exit 1 on any finding)
Tables: Services/*/…Core/*Migrations.swift.
"""
import json
import os
import sqlite3
import sys
import time
import urllib.request

# Entries of the shared outbox table (Shared/Outbox) still to be delivered.
WAITING = "state IN ('pending', 'failing')"
from collections import Counter, defaultdict

PLATFORM_KINDS = {"acknowledge"}  # the staff actions the chaos run takes that the platform hears of


def query(path, sql, arguments=()):
    """Rows of `sql` over the database at `path`, opened read-only (the service may be writing)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute(sql, arguments).fetchall()
    finally:
        connection.close()


def simulator_counts(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/control/received", timeout=10) as response:
        return json.load(response)


def mail_ids(path):
    counts = Counter()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    counts[json.loads(line)["message_id"]] += 1
    return counts


def message_id_local_part(notification_id):
    """What the gateway puts before the @ of an email's Message-ID (EmailDelivery.swift)."""
    return "".join(c for c in notification_id if c.isalpha() or c.isdigit() or c in "-.")


def db(data, name):
    return os.path.join(data, f"{name}.sqlite")


def activity(data, sim_port, mail_file):
    """What is still pending, and counters that move while anything happens (for the quiet wait)."""
    now_ms = int(time.time() * 1000)
    pending = {
        "intake_outbox": query(db(data, "intake"), f"SELECT count(*) FROM outbox_entry WHERE {WAITING}")[0][0],
        "coordination_outbox": query(db(data, "coordination"), f"SELECT count(*) FROM outbox_entry WHERE {WAITING}")[0][0],
        "sla_undelivered": query(db(data, "sla"), "SELECT count(*) FROM sla_event WHERE delivered_ms IS NULL")[0][0],
        # Clocks that will still fire during a run: the short acknowledgement clocks.
        "sla_firing_soon": query(db(data, "sla"), "SELECT count(*) FROM sla_clock WHERE stopped_ms IS NULL "
                                 "AND next_fire_ms IS NOT NULL AND next_fire_ms < ?", (now_ms + 3_600_000,))[0][0],
        "platform_outbox": query(db(data, "gateway"), f"SELECT count(*) FROM outbox_entry WHERE destination = 'platform' AND {WAITING}")[0][0],
        "email_outbox": query(db(data, "gateway"), f"SELECT count(*) FROM outbox_entry WHERE destination = 'email' AND {WAITING}")[0][0],
    }
    moving = {
        "events": query(db(data, "intake"), "SELECT count(*) FROM order_event")[0][0],
        "received": simulator_counts(sim_port)["received"],
        "mails": sum(mail_ids(mail_file).values()),
    }
    return {"pending": sum(pending.values()), **pending, **moving}


def after_gateway_kill(instants, kills_ms, window_ms=15_000):
    """Whether a message received twice was first received shortly before a kill of the gateway
    and again after it: the gateway died between the platform's 2xx and marking the message
    delivered, so it sent it again with the same message_id (docs/platform-api.md, "Delivery and
    retries": a request whose answer was lost is retried; the platform is idempotent on it)."""
    instants = sorted(instants)
    return len(instants) == 2 and any(k - window_ms <= instants[0] <= k < instants[1] for k in kills_ms)


def check(data, sim_port, mail_file, results_file, gateway_kills_ms=()):
    rows, problems = [], []

    def row(area, what, figure, bad=0, examples=()):
        rows.append((area, what, figure, bad))
        if bad:
            sample = ", ".join(str(e) for e in list(examples)[:5])
            problems.append(f"{area}: {what}: {bad}" + (f" (e.g. {sample})" if sample else ""))

    # The platform's side of the load.
    results = []
    if os.path.exists(results_file):
        with open(results_file, encoding="utf-8") as f:
            results = [json.loads(line) for line in f if line.strip()]
    pushes = [r for r in results if r["order"]]
    outcomes = Counter(r["outcome"] for r in pushes)
    got_2xx = {r["key"] for r in pushes if r["outcome"] in ("accepted", "duplicate")}
    row("load", "orders pushed", len(pushes))
    row("load", "accepted (201) / duplicate (200)", f"{outcomes['accepted']} / {outcomes['duplicate']}")
    row("load", "attempts retried", sum(r["attempts"] - 1 for r in pushes))
    row("load", "refused (final 4xx)", outcomes["refused"], outcomes["refused"],
        [f"{r['key']} {r['status']} {r['error'][:80]}" for r in pushes if r["outcome"] == "refused"])
    row("load", "undelivered after every attempt", outcomes["undelivered"], outcomes["undelivered"],
        [f"{r['key']} {r['error'][:80]}" for r in pushes if r["outcome"] == "undelivered"])

    # Orders in intake.
    orders = query(db(data, "intake"), "SELECT id, platform_order_number, state FROM work_order WHERE channel = 'hotline_12345'")
    numbers = Counter(number for _, number, _ in orders)
    by_number = {number: (order_id, state) for order_id, number, state in orders}
    missing = sorted(got_2xx - set(numbers))
    extra = sorted(set(numbers) - got_2xx)
    twice = sorted(n for n, c in numbers.items() if c > 1)
    row("orders", "in intake (12345 channel)", len(numbers))
    row("orders", "2xx at the platform but not in intake", len(missing), len(missing), missing)
    row("orders", "in intake without a 2xx at the platform", len(extra), len(extra), extra)
    row("orders", "stored more than once", len(twice), len(twice), twice)

    events = defaultdict(list)  # order id -> [(sequence, event json)]
    for order_id, sequence, body in query(db(data, "intake"), "SELECT order_id, sequence, body FROM order_event"):
        events[order_id].append((sequence, json.loads(body)))
    units = defaultdict(list)
    for order_id, unit in query(db(data, "intake"), "SELECT order_id, unit FROM work_order_unit"):
        units[order_id].append(unit)

    # Routing and the acknowledgement clock.
    clocks = defaultdict(dict)  # order id -> kind -> (id, stopped)
    for clock_id, order_id, kind, stopped in query(db(data, "sla"), "SELECT id, order_id, kind, stopped_ms FROM sla_clock"):
        clocks[order_id][kind] = (clock_id, stopped)
    stranded = sorted(f"{number} ({order_id})" for number, (order_id, state) in by_number.items() if state == "received")
    assigned = [o for o, _, _ in orders if any(e.get("action") == "assign" for _, e in events[o])]
    no_ack_clock = [o for o in assigned if "acknowledge" not in clocks[o]]
    acknowledged = [o for o, _, _ in orders if any(e.get("action") == "acknowledge" for _, e in events[o])]
    ack_clock_running = [o for o in acknowledged if "acknowledge" in clocks[o] and clocks[o]["acknowledge"][1] is None]
    no_handling_clock = [o for o in acknowledged if "handling" not in clocks[o]]
    row("routing", "orders left in `received`", len(stranded), len(stranded), stranded)
    row("routing", "assigned (routed)", len(assigned))
    row("routing", "assigned without an acknowledgement clock in SLA", len(no_ack_clock), len(no_ack_clock), no_ack_clock)
    row("routing", "acknowledged with subanctl", len(acknowledged))
    row("routing", "acknowledged but the acknowledgement clock still runs", len(ack_clock_running), len(ack_clock_running),
        ack_clock_running)
    row("routing", "acknowledged without a handling clock", len(no_handling_clock), len(no_handling_clock), no_handling_clock)

    # Clock events: SLA's fired events against intake's log.
    fired = query(db(data, "sla"), "SELECT e.event_id, c.order_id, e.delivered_ms, e.outcome FROM sla_event e "
                                    "JOIN sla_clock c ON c.seq = e.clock_seq")
    logged = Counter()
    for order_id, log in events.items():
        for _, event in log:
            event_id = (event.get("details") or {}).get("clock.event_id")
            if event_id:
                logged[event_id] += 1
    fired_ids = Counter(event_id for event_id, _, _, _ in fired)
    rejected = [(e, outcome) for e, _, delivered, outcome in fired if outcome.startswith("rejected")]
    undelivered = [e for e, _, delivered, _ in fired if delivered is None]
    rejected_ids = {e for e, _ in rejected}
    lost = sorted(e for e in fired_ids if e not in logged and e not in rejected_ids)
    twice_logged = sorted(e for e, c in logged.items() if c > 1)
    fired_twice = sorted(e for e, c in fired_ids.items() if c > 1)
    phantom = sorted(e for e in logged if e not in fired_ids)
    row("clocks", "events fired by SLA", len(fired))
    row("clocks", "clock events in order logs", sum(logged.values()))
    row("clocks", "fired but not in the order's log (lost)", len(lost), len(lost), lost)
    row("clocks", "in an order's log more than once", len(twice_logged), len(twice_logged), twice_logged)
    row("clocks", "fired more than once by SLA", len(fired_twice), len(fired_twice), fired_twice)
    row("clocks", "in a log but never fired", len(phantom), len(phantom), phantom)
    row("clocks", "refused by intake", len(rejected), len(rejected), [f"{e}: {o[:80]}" for e, o in rejected])
    row("clocks", "not yet delivered to intake (stuck)", len(undelivered), len(undelivered), undelivered)

    # Platform messages: intake's staff actions → gateway outbox → the simulator, each once.
    expected = {}
    numbers_of = {o: n for o, n, _ in orders}
    for order_id, log in events.items():
        if order_id not in numbers_of:
            continue
        for sequence, event in log:
            if event.get("action") in PLATFORM_KINDS:
                expected[f"{order_id}/{sequence}"] = event.get("action")
    outbox = {m: (state, attempts, error) for m, state, attempts, error in
              query(db(data, "gateway"), "SELECT substr(deduplication_key, 10), state, attempts, last_error FROM outbox_entry "
                    "WHERE destination = 'platform'")}
    counts = simulator_counts(sim_port)
    received_twice, crash_window = {}, {}
    for d in counts["duplicates"]:
        crashed = after_gateway_kill(d.get("received_at_ms", []), gateway_kills_ms)
        (crash_window if crashed else received_twice)[d["message_id"]] = d["times"]
    never_enqueued = sorted(set(expected) - set(outbox))
    stuck = sorted(f"{m} {s} {e[:60]}" for m, (s, _, e) in outbox.items() if s != "delivered")
    delivered = sum(1 for s, _, _ in outbox.values() if s == "delivered")
    row("platform", "messages expected from staff actions", len(expected))
    row("platform", "in the gateway's platform outbox", len(outbox))
    row("platform", "expected but never in the outbox (lost)", len(never_enqueued), len(never_enqueued), never_enqueued)
    row("platform", "in the outbox, not delivered (stuck)", len(stuck), len(stuck), stuck)
    row("platform", "received by the platform (deliveries / distinct)", f"{counts['received']} / {counts['unique']}")
    missing_at_platform = delivered - counts["unique"] if delivered > counts["unique"] else 0
    row("platform", "delivered by the gateway but not received", missing_at_platform, missing_at_platform)
    row("platform", "received twice across a gateway kill (answer lost)", len(crash_window))
    row("platform", "received more than once otherwise", len(received_twice), len(received_twice),
        [f"{m} ×{t}" for m, t in sorted(received_twice.items())])

    # Emails: intake's notifications → gateway email outbox → SMTP, each once.
    emails = {n: (state, error) for n, state, error in
              query(db(data, "gateway"), "SELECT substr(deduplication_key, 7), state, last_error FROM outbox_entry "
                    "WHERE destination = 'email'")}
    prefixes = Counter(n.rsplit("/", 2)[0] for n in emails)  # "<order>/<sequence>"
    expected_mail = []
    for order_id, log in events.items():
        for sequence, event in log:
            details = event.get("details") or {}
            if event.get("action") == "urge" and details.get("clock.event_id"):
                expected_mail.append(f"{order_id}/{sequence}")
    no_mail = sorted(p for p in expected_mail if prefixes[p] == 0)
    mail = mail_ids(mail_file)
    by_local = Counter()
    for message_id, count in mail.items():
        by_local[message_id.split("@")[0]] += count
    email_stuck = sorted(f"{n} {s} {e[:60]}" for n, (s, e) in emails.items() if s != "delivered")
    email_delivered = [n for n, (s, _) in emails.items() if s == "delivered"]
    not_at_sink = sorted(n for n in email_delivered if by_local[message_id_local_part(n)] == 0)
    mail_twice = sorted(f"{m} ×{c}" for m, c in mail.items() if c > 1)
    row("email", "clock events that notify (urge from a clock)", len(expected_mail))
    row("email", "notifications in the gateway's email outbox", len(emails))
    row("email", "clock event without a notification (lost)", len(no_mail), len(no_mail), no_mail)
    row("email", "in the outbox, not delivered (stuck)", len(email_stuck), len(email_stuck), email_stuck)
    row("email", "messages at the SMTP sink (deliveries / distinct)", f"{sum(mail.values())} / {len(mail)}")
    row("email", "delivered by the gateway but not at the sink", len(not_at_sink), len(not_at_sink), not_at_sink)
    row("email", "at the sink more than once", len(mail_twice), len(mail_twice), mail_twice)

    # Every other outbox.
    for service in ("intake", "coordination"):
        left = query(db(data, service), f"SELECT count(*) FROM outbox_entry WHERE {WAITING}")[0][0]
        refused = query(db(data, service), "SELECT method, last_error FROM outbox_entry WHERE state = 'given_up'")
        row("outboxes", f"{service}: entries not yet delivered", left, left)
        row("outboxes", f"{service}: entries refused by their receiver", len(refused), len(refused),
            [f"{m}: {r[:80]}" for m, r in refused])
    return {"rows": rows, "problems": problems}


def render(report, kills=(), acked=0, quiet=True, seconds=0, command=""):
    lines = []
    if kills:
        lines.append("kills (service, at s after the load started, down s, answering again after s):")
        lines.append("  " + "; ".join(f"{s} @{at} down {d} ready {r}" for s, at, d, r in kills))
    width = max(len(what) for _, what, _, _ in report["rows"]) + 2
    lines.append(f"{'area':<10} {'check':<{width}} {'figure':>14}  verdict")
    area = None
    for a, what, figure, bad in report["rows"]:
        lines.append(f"{a if a != area else '':<10} {what:<{width}} {str(figure):>14}  {'FAIL' if bad else 'ok'}")
        area = a
    lines.append(f"quiet: {'yes' if quiet else 'NO'}; run {seconds:.0f} s; {command}")
    return "\n".join(lines)


def main():
    data, sim_port, mail_file, results = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    report = check(data, sim_port, mail_file, results)
    print(render(report))
    for problem in report["problems"]:
        print(f"  - {problem}", file=sys.stderr)
    sys.exit(1 if report["problems"] else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How fast a burst of pushed orders gets its acknowledgement clocks (issue 18, point 2): the real
services (scripts/browser/stack.py) from the binaries given, `suban-platform-simulator load` at a
rate through the gateway's signed HTTP edge, then the clocks read from SLA's database and the
orders from intake's: clocks set a second, the lag from intake storing an order to SLA storing its
acknowledgement clock (p50/p99/max), how long after the last push the last clock was set, and the
peak memory (VmHWM) of each service.

Usage: scripts/browser/fanout_benchmark.py [--bin .build/release] [--rate 1000] [--count 20000]
           [--set NAME=VALUE ...]   (service environment, e.g. SUBAN_INTAKE_CLOCK_BATCH=1)
Prints the figures; exits non-zero when the stack cannot be set up or an accepted order has no
clock within the wait."""
import argparse
import glob
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack import SERVICES, Stack  # noqa: E402


def database(stack, name):
    found = sorted(glob.glob(os.path.join(stack.data, "**", f"{name}*.sqlite"), recursive=True))
    if not found:
        raise RuntimeError(f"no database of {name} under {stack.data}")
    return found[0]


def high_water_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def clocks(stack):
    """(intake received seconds, sla created ms) of every order with an acknowledgement clock."""
    connection = sqlite3.connect(f"file:{database(stack, 'sla')}?mode=ro", uri=True, timeout=30)
    try:
        connection.execute("ATTACH DATABASE ? AS intake", (f"file:{database(stack, 'intake')}?mode=ro",))
        return connection.execute(
            "SELECT o.received_at, c.created_ms FROM sla_clock c JOIN intake.work_order o ON o.id = c.order_id "
            "WHERE c.kind = 'acknowledge'").fetchall()
    finally:
        connection.close()


def stored_orders(stack):
    connection = sqlite3.connect(f"file:{database(stack, 'intake')}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute("SELECT count(*) FROM work_order").fetchone()[0]
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for the clocks after the load")
    parser.add_argument("--set", action="append", default=[], help="NAME=VALUE for the services' environment")
    options = parser.parse_args()

    stack = Stack(options.bin)
    original_configure = stack.configure

    def configure():
        original_configure()
        for assignment in options.set:
            name, _, value = assignment.partition("=")
            stack.env[name] = value
    stack.configure = configure
    try:
        stack.start()
        began = time.time()
        load = subprocess.run(
            [os.path.join(stack.bin, "suban-platform-simulator"), "load", "--rate", str(options.rate),
             "--count", str(options.count)],
            env=stack.env, capture_output=True, text=True, timeout=3600)
        ended = time.time()
        for line in load.stdout.splitlines():
            if line.startswith("load:") and ("sent" in line or "orders" in line):
                print(line)
        accepted = stored_orders(stack)
        deadline = time.time() + options.wait
        rows = clocks(stack)
        while len(rows) < accepted and time.time() < deadline:
            time.sleep(1)
            accepted = stored_orders(stack)
            rows = clocks(stack)
        memory = {name: high_water_mb(stack.processes[name].pid) for name in SERVICES}
        lags = [created - received * 1000 for received, created in rows]
        first = min((created for _, created in rows), default=0)
        last = max((created for _, created in rows), default=0)
        seconds = max((last - first) / 1000, 0.001)
        print(f"offered {options.rate:g}/s x {options.count} in {ended - began:.1f} s; "
              f"orders stored {accepted}, acknowledgement clocks {len(rows)}")
        print(f"clocks set a second (first to last clock): {len(rows) / seconds:.0f}")
        print(f"lag stored -> clock set: p50 {percentile(lags, 0.5):.0f} ms, p99 {percentile(lags, 0.99):.0f} ms, "
              f"max {max(lags, default=float('nan')):.0f} ms")
        print(f"last clock set {last / 1000 - ended:.1f} s after the last push was answered")
        print("VmHWM MB: " + ", ".join(f"{name} {value:.0f}" for name, value in memory.items()))
        with open("/proc/loadavg") as average:
            print(f"loadavg: {average.read().strip()}")
        return 0 if len(rows) >= accepted else 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())

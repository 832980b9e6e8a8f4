#!/usr/bin/env python3
"""How long the console takes to answer 我的工单 for a unit with many open orders, and how big the
page is: the real services (scripts/browser/stack.py) from the binaries given, N orders pushed
through the gateway's signed HTTP edge to one unit, the unit's liaison signed in as a browser
would, then GET /orders timed from the client on loopback (what a person waits for: the
console reads intake's whole queue and SLA's clocks, sorts, renders one page).

Usage: scripts/browser/queue_benchmark.py [--bin .build/release] [--orders 1000] [--runs 30]
Prints the figures; exits non-zero only when the stack cannot be set up."""
import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack import Stack  # noqa: E402

LIAISON = "liaison.pension_insurance_center"
UNIT = "pension_insurance_center"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def browser_like(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

    def request(path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with opener.open(urllib.request.Request(base + path, data=data), timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:  # 303 after a post, with no redirect followed
            return error.code, error.read()
    return request


def sign_in(request, password):
    status, _ = request("/login", {"login": LIAISON, "password": password})
    assert status == 303, f"sign-in answered {status}"
    _, page = request("/password")
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    new = "queue-benchmark-password"
    status, _ = request("/password", {"csrf": token, "current_password": password, "new_password": new, "new_password_again": new})
    assert status == 303, f"change of password answered {status}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()

    stack = Stack(options.bin)
    try:
        stack.start()
        stack.wait_console_http()
        started = time.monotonic()
        for index in range(options.orders):
            stack.push_order("pension", content=f"来电人反映养老金待遇核定问题（第 {index + 1} 件），请核实答复。")
        print(f"pushed {options.orders} pension orders in {time.monotonic() - started:.1f} s")
        request = browser_like(stack.console_url)
        sign_in(request, stack.one_time_passwords[LIAISON])

        def total():
            _, page = request("/orders")
            found = re.search(r'id="queue-total">(\d+) 件', page.decode())
            return int(found.group(1)) if found else -1
        deadline = time.monotonic() + 300
        while total() < options.orders:  # routing may defer some; the queue shows them once routed
            if time.monotonic() > deadline:
                raise RuntimeError(f"the liaison's queue shows {total()} of {options.orders} orders after 300 s")
            time.sleep(0.5)

        def timed(path):
            began = time.perf_counter()
            status, body = request(path)
            elapsed = (time.perf_counter() - began) * 1000
            assert status == 200, f"GET {path} answered {status}"
            return elapsed, body

        for path, name in [("/orders", "queue page"), ("/orders?fragment=rows", "live rows")]:
            timed(path)  # warm: the unit names, the first connections to intake and SLA
            times, body = [], b""
            for _ in range(options.runs):
                elapsed, body = timed(path)
                times.append(elapsed)
            times.sort()
            rows = body.count(b"<tr data-order-id=")
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(f"{name}: {options.orders} open orders, {rows} rows shown, {len(body) / 1024:.1f} KiB; "
                  f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms over {options.runs} GETs")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()

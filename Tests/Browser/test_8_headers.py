"""Every response forbids framing and inline script, the session cookie is out of scripts' and
other sites' reach, and a POST without the page's csrf token is refused."""
import re

from playwright.sync_api import expect


def test_every_response_carries_the_content_security_policy(console, people):
    page = people("desk.office")  # at least the login, queue and its assets
    for path, name in [("/desk", "csp-desk"), ("/kb?q=拖欠工资", "csp-kb")]:
        console.goto(page, path, name)
    assert len(console.responses) >= 4  # every response of the session so far: pages, assets, /events
    faults = []
    for url, status, headers in console.responses:
        policy = headers.get("content-security-policy", "")
        if "frame-ancestors 'none'" not in policy or "unsafe-inline" in policy:
            faults.append(f"{status} {url}: {policy or '(no Content-Security-Policy)'}")
    assert not faults, "\n".join(faults)


def test_the_session_cookie_is_http_only_and_same_site_lax(console, people):
    people("desk.office")
    context = console.signed_in["desk.office"]
    cookies = [c for c in context.cookies() if c["name"] == "suban_session"]
    assert len(cookies) == 1, context.cookies()
    assert cookies[0]["httpOnly"] is True and cookies[0]["sameSite"] == "Lax", cookies[0]


def test_every_post_form_on_every_page_visited_carries_a_csrf_token(console, people):
    people("desk.office")  # when run alone: at least the sign-in and the queue
    unguarded = {re.sub(r"^\d+ .*\(https?://[^/]+(/[^?)]*).*$", r"\1", page): forms[0]
                 for page, forms in console.unguarded_forms.items() if forms}  # one line per path
    # Sign-in has no session to derive a token from; a cross-site sign-in is refused by Sec-Fetch-Site.
    unguarded = {path: form for path, form in unguarded.items() if path != "/login"}
    assert len(console.unguarded_forms) >= 2
    assert not unguarded, f"POST forms without csrf: {unguarded}"


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(console, stack, people):
    _, order_id = stack.push_order("employment")
    stack.wait_routed(order_id)
    page = people("desk.office")
    for form in [{"action": "urge", "text": "请尽快签收。"}, {"action": "urge", "text": "请尽快签收。", "csrf": "forged"}]:
        refused = page.request.post(f"/orders/{order_id}/actions", form=form, max_redirects=0)
        assert refused.status == 403, f"{form}: HTTP {refused.status}"
    assert not [e for e in stack.show(order_id)["events"] if e["action"] == "urge"]
    assert page.request.post("/logout", form={"next": "/login"}, max_redirects=0).status == 403
    console.goto(page, "/orders", "still-signed-in")
    expect(page).to_have_url(re.compile(r"/orders(\?|$)"))


def test_sign_out_ends_the_session(console, contexts):
    # A context of its own: the run's desk.office session stays signed in for other tests.
    page = console.sign_in(contexts(), "desk.office")
    sign_out = page.locator('form[method="post" i][action="/logout"]').get_by_role("button", name="退出")
    expect(sign_out).to_have_count(1)
    with page.expect_navigation():
        sign_out.click()
    console.seen(page, "signed-out")
    page.goto("/orders")
    expect(page).to_have_url(re.compile(r"/login"))

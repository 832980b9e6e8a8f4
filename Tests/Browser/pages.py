"""The console's pages as a person uses them, after the page contract the console implements:
sign-in, the one-time password, the queue, an order's action forms. Every page visited is
photographed into the artifacts folder and checked for labels and Tab reachability (test 7 reads
the findings); every response from the console is kept for the header checks (test 8)."""
import os
import re

from playwright.sync_api import expect

NEW_PASSWORD = "Browser-{login}-2026"  # ≥ 12 characters, one per account
ACTION_LABELS = {
    "acknowledge": "签收", "instruct": re.compile("交办意见|批示"), "start": "开始办理", "draft_reply": "答复",
    "review": "审核", "send_to_platform": "反馈平台", "urge": "催办", "answer_from_knowledge_base": "知识库答复",
    "merge": "并单", "unmerge": "取消并单",
}
WAIT_MS = 15_000  # bound of every wait for a page or an element

# Labels and Tab reachability of the visible form controls (test 7; checkVisibility, unlike
# getClientRects, leaves out what a closed <details> holds), and the POST forms without a
# csrf input (test 8).
STATIC_CHECK = """() => {
  const findings = [];
  const visible = e => e.checkVisibility({visibilityProperty: true});
  const ownText = label => { const copy = label.cloneNode(true);
    copy.querySelectorAll('input, select, textarea, button').forEach(c => c.remove());
    return copy.textContent.trim(); };
  for (const e of document.querySelectorAll('input, select, textarea, button')) {
    if (e.type === 'hidden' || !visible(e)) continue;
    const what = e.outerHTML.slice(0, 100);
    const button = e.tagName === 'BUTTON' || ['submit', 'button', 'reset', 'image'].includes(e.type);
    if (button) {
      if (!(e.textContent.trim() || e.value || e.getAttribute('aria-label'))) findings.push('button without a name: ' + what);
    } else {
      const labels = [...(e.labels || [])].map(ownText).join('');
      const aria = (e.getAttribute('aria-label') || '').trim();
      const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
        .map(id => (document.getElementById(id) || {textContent: ''}).textContent.trim()).join('');
      if (!labels && !aria && !by) findings.push('no label: ' + what);
    }
    if (e.getAttribute('tabindex') === '-1' || e.tabIndex < 0) findings.push('tabindex -1: ' + what);
  }
  const unguarded = [...document.querySelectorAll('form')].filter(form => form.method === 'post')
    .filter(form => !(form.querySelector('input[type=hidden][name=csrf]') || {}).value)
    .map(form => form.outerHTML.slice(0, 80));
  return {findings, unguarded};
}"""


class Console:
    def __init__(self, url, stack, browser, artifacts):
        self.url = url
        self.stack = stack
        self.browser = browser
        self.artifacts = artifacts
        self.passwords = dict(stack.one_time_passwords)
        self.one_time = set(self.passwords)
        self.pictures = 0
        self.findings = {}  # page name -> controls without a label or with tabindex -1
        self.unguarded_forms = {}  # page name -> its POST forms without a csrf input
        self.responses = []  # (url, status, headers) of every response from the console
        self.signed_in = {}  # login -> its browser context, signed in once for the whole run
        self.changed_at_sign_in = set()  # logins whose first sign-in went through /password

    # Browsers and pictures ---------------------------------------------------------------------

    def new_context(self):
        context = self.browser.new_context(base_url=self.url, locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(WAIT_MS)
        context.on("response", self._keep)
        return context

    def _keep(self, response):
        if response.url.startswith(self.url):
            # `headers` needs no round trip, so it is safe inside an event handler; it has the CSP.
            self.responses.append((response.url, response.status, dict(response.headers)))

    def seen(self, page, name):
        """Photographs the page and records what the label/Tab check finds on it."""
        self.pictures += 1
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
        page.screenshot(path=os.path.join(self.artifacts, f"{self.pictures:03d}-{slug}.png"), full_page=True)
        checked = page.evaluate(STATIC_CHECK)
        key = f"{self.pictures:03d} {name} ({page.url})"
        self.findings[key] = checked["findings"]
        self.unguarded_forms[key] = checked["unguarded"]
        return page

    def goto(self, page, path, name):
        response = page.goto(path)
        self.seen(page, name)
        return response

    # Signing in --------------------------------------------------------------------------------

    def submit_login(self, page, login, password=None):
        page.goto("/login")
        self.seen(page, f"login-{login}")
        page.locator('input[name="login"]').fill(login)
        page.locator('input[name="password"]').fill(password or self.passwords[login])
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()

    def change_password(self, page, login):
        """On /password: the one-time password for this account's own one."""
        expect(page).to_have_url(re.compile(r"/password(\?|$)"))
        self.seen(page, f"password-{login}")
        new = NEW_PASSWORD.format(login=login)
        page.locator('input[name="current_password"]').fill(self.passwords[login])
        page.locator('input[name="new_password"]').fill(new)
        page.locator('input[name="new_password_again"]').fill(new)
        with page.expect_navigation():
            page.get_by_role("button", name="修改密码").click()
        expect(page).to_have_url(re.compile(r"/orders(\?|$)"))
        self.passwords[login] = new
        self.one_time.discard(login)

    def sign_in(self, context, login):
        """A page of `context` signed in as `login`, on /orders; changes a one-time password first."""
        page = context.new_page()
        self.submit_login(page, login)
        if re.search(r"/login(\?|$)", page.url):
            raise AssertionError(f"sign-in as {login} refused: {self.flash(page)}")
        if re.search(r"/password(\?|$)", page.url):
            self.changed_at_sign_in.add(login)
            self.change_password(page, login)
        expect(page).to_have_url(re.compile(r"/orders(\?|$)"))
        self.seen(page, f"orders-{login}")
        return page

    def page_as(self, login):
        """A new page, on /orders, of the session's one browser context of `login`. One sign-in per
        person and run: the console allows an address 10 sign-in attempts a minute."""
        if login not in self.signed_in:
            context = self.new_context()
            self.signed_in[login] = context
            return self.sign_in(context, login)
        page = self.signed_in[login].new_page()
        self.goto(page, "/orders", f"orders-{login}")
        return page

    def close(self):
        for context in self.signed_in.values():
            context.close()

    # Orders ------------------------------------------------------------------------------------

    def open_order(self, page, order_id, name):
        response = page.goto(f"/orders/{order_id}")
        self.seen(page, name)
        return response

    @staticmethod
    def state(page):
        return page.locator("#order-state").inner_text().strip()

    @staticmethod
    def action_form(page, action):
        return page.locator(f'form.action-form[data-action="{action}"]')

    def act(self, page, action, name, text=None, select=None, fill=None, check=None):
        """Fills and submits the form of `action` by its labelled button; returns the response."""
        form = self.action_form(page, action)
        expect(form).to_have_count(1)
        for field, value in (select or {}).items():
            form.locator(f'select[name="{field}"]').select_option(value)
        if text is not None:
            form.locator('textarea[name="text"]').fill(text)
        for field, value in (fill or {}).items():
            form.locator(f'[name="{field}"]').fill(value)
        for field, value in (check or {}).items():
            form.locator(f'input[name="{field}"][value="{value}"]').check()
        with page.expect_navigation() as navigation:
            form.get_by_role("button", name=ACTION_LABELS[action]).click()
        self.seen(page, name)
        return navigation.value

    def act_ok(self, page, action, name, expected_state, **fields):
        response = self.act(page, action, name, **fields)
        assert response.status < 400, f"{action}: HTTP {response.status}: {self.flash(page)}"
        expect(page.locator(".flash-ok")).to_be_visible()
        expect(page.locator("#order-state")).to_have_text(expected_state)
        return response

    @staticmethod
    def flash(page):
        errors = page.locator(".flash-error")
        return " / ".join(errors.all_inner_texts()) if errors.count() else "(no .flash-error)"

    @staticmethod
    def csrf(page):
        """The page's own csrf token (every POST form carries it)."""
        token = page.locator('input[name="csrf"]').first.get_attribute("value")
        assert token, f"no csrf input on {page.url}"
        return token

    @staticmethod
    def queue_row(page, order_id):
        return page.locator(f'#queue tbody tr[data-order-id="{order_id}"]')

    @staticmethod
    def unreachable_by_tab(page):
        """Presses Tab through the page; returns the visible controls focus never reached (a radio
        group counts as reached when one of its radios was: arrows move within it)."""
        targets = page.evaluate("""() => {
          const visible = e => e.checkVisibility({visibilityProperty: true});
          const controls = [...document.querySelectorAll('input, select, textarea, button')]
            .filter(e => e.type !== 'hidden' && !e.disabled && visible(e));
          const described = controls.map(e => ({what: e.outerHTML.slice(0, 100), group: e.type === 'radio' ? e.name : ''}));
          controls.forEach((e, i) => e.dataset.tabProbe = String(i));
          const stops = document.querySelectorAll('a[href], summary, input, select, textarea, button, [tabindex]').length;
          return {stops, controls: described};
        }""")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        reached = set()
        for _ in range(targets["stops"] + 3):
            page.keyboard.press("Tab")
            probe = page.evaluate("() => document.activeElement && document.activeElement.dataset.tabProbe || null")
            if probe is not None:
                reached.add(int(probe))
        groups = {c["group"] for i, c in enumerate(targets["controls"]) if c["group"] and i in reached}
        return [c["what"] for i, c in enumerate(targets["controls"])
                if i not in reached and not (c["group"] and c["group"] in groups)]

"""Every page's form controls have labels and are reachable with the Tab key: checked on every
page the suite visited (Console.seen) and walked with real Tab presses on each kind of page."""
import re

from playwright.sync_api import expect


def advance(stack, order_id, unit, steps):
    """Moves an order on with subanctl as the unit's people (operator override), for its forms."""
    commands = {
        "acknowledge": ["acknowledge", order_id, "--as", f"liaison:a11y@{unit}"],
        "instruct": ["instruct", order_id, "--as", f"unit_leader:a11y@{unit}", "--opinion", "请核实"],
        "start": ["start", order_id, "--as", f"liaison:a11y@{unit}"],
        "reply": ["reply", order_id, "--as", f"liaison:a11y@{unit}", "--text", "已答复来电人。", "--result", "solved"],
    }
    for step in steps:
        result = stack.ctl(*commands[step])
        assert result.returncode == 0, f"{step}: {result.stderr}"


def walk(console, page, name, unreached):
    missed = console.unreachable_by_tab(page)
    if missed:
        unreached[name] = missed


def test_every_control_has_a_label_and_is_reachable_by_tab(console, stack, people):
    _, wage_id = stack.push_order("wage_arrears")
    stack.wait_routed(wage_id)
    advance(stack, wage_id, "labor_inspection_brigade", ["acknowledge", "instruct", "start"])
    _, drafted_id = stack.push_order("employment")
    unit = stack.wait_routed(drafted_id)["responsible_units"][0]
    advance(stack, drafted_id, unit, ["acknowledge", "instruct", "start", "reply"])

    unreached = {}
    # deputy.office signs in nowhere else: its one-time password shows the /password page. Its
    # context joins the console's, which closes it at the end of the run.
    context = console.new_context()
    console.signed_in["deputy.office"] = context
    page = context.new_page()
    console.goto(page, "/login", "a11y-login")
    # A label starts with the contract's word and may add a hint (新密码（至少 12 个字符）).
    expect(page.get_by_label(re.compile("^账号"))).to_have_attribute("name", "login")
    expect(page.get_by_label(re.compile("^密码"))).to_have_attribute("name", "password")
    walk(console, page, "a11y-login", unreached)

    assert "deputy.office" in console.one_time
    console.submit_login(page, "deputy.office")
    expect(page).to_have_url(re.compile(r"/password(\?|$)"))
    for label, name in [("当前密码", "current_password"), ("新密码", "new_password"), ("再次输入新密码", "new_password_again")]:
        expect(page.get_by_label(re.compile("^" + label))).to_have_attribute("name", name)
    walk(console, page, "a11y-password", unreached)
    console.change_password(page, "deputy.office")
    console.seen(page, "a11y-queue")
    for name in ["state", "urgency", "kind", "topic", "channel", "track"]:
        expect(page.locator(f'form[method="get" i] select[name="{name}"]')).to_have_count(1)
    expect(page.get_by_label(re.compile("^搜索"))).to_have_attribute("name", "q")
    walk(console, page, "a11y-queue", unreached)

    liaison = people("liaison.labor_inspection_brigade")
    console.open_order(liaison, wage_id, "a11y-wage-order")
    expect(console.action_form(liaison, "draft_reply")).to_have_count(1)
    walk(console, liaison, "a11y-wage-reply-form", unreached)

    desk = people("desk.office")
    console.open_order(desk, drafted_id, "a11y-review-order")
    expect(console.action_form(desk, "review")).to_have_count(1)
    walk(console, desk, "a11y-review-form", unreached)
    for path, name in [("/desk", "a11y-desk"), ("/kb?q=拖欠工资", "a11y-kb")]:
        console.goto(desk, path, name)
        walk(console, desk, name, unreached)

    unlabelled = {name: found for name, found in console.findings.items() if found}
    assert not unlabelled, f"controls without a label or with tabindex -1: {unlabelled}"
    assert not unreached, f"controls Tab never reached: {unreached}"

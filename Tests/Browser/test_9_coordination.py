"""A joint-handling order (即时协办) coordinated in the browser: the desk opens its case from the
order page, schedules meetings (two that clash are marked on the calendar until one is moved),
records who came and the minutes, gives each unit an item; each unit's liaison reports theirs
done and the lead unit's liaison compiles the reply, which intake then holds as the draft. A unit
that only takes part sees no forms but its own item's, and a hand-made POST of a step it may not
take is refused by coordination; another unit cannot open the case at all."""
import json
import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from stack import wait_until

BEIJING = timezone(timedelta(hours=8))
MINUTES = '<script>alert("纪要")</script> 两单位就待遇衔接达成一致 &amp;'
PHONE = {"width": 390, "height": 844}


def local(moment):
    """What a datetime-local input takes: Beijing wall-clock time to the minute."""
    return moment.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M")


def coordination_case(stack, case_id):
    result = stack.ctl("case", "show", case_id, "--output", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["case"]


def step_form(page, step, meeting=None, item=None):
    selector = f'form.action-form[data-step="{step}"]'
    if meeting is not None:
        selector += f'[data-meeting="{meeting}"]'
    if item is not None:
        selector += f'[data-item="{item}"]'
    return page.locator(selector)


def submit(console, page, step, name, label, meeting=None, item=None, fill=None, select=None, expect_ok=True):
    form = step_form(page, step, meeting, item)
    expect(form).to_have_count(1)
    folded = form.locator("xpath=ancestor::details[1]")
    if folded.count() and folded.get_attribute("open") is None:
        folded.locator("xpath=./summary").click()
    for field, value in (fill or {}).items():
        form.locator(f'[name="{field}"]').fill(value)
    for field, value in (select or {}).items():
        form.locator(f'select[name="{field}"]').select_option(value)
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name=label).click()
    console.seen(page, name)
    if expect_ok:
        assert navigation.value.status < 400, f"{step}: HTTP {navigation.value.status}: {console.flash(page)}"
        expect(page.locator(".flash-ok")).to_be_visible()
    return navigation.value


def calendar_entry(page, case_id, number):
    return page.locator(f'li.calendar-entry[data-meeting-id="{case_id}/meeting/{number}"]')


def fits_a_phone(console, page, name):
    page.set_viewport_size(PHONE)
    console.seen(page, name)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name}: {overflow}px wider than a phone"


def test_a_joint_handling_order_is_coordinated_to_its_draft_reply_in_the_browser(console, stack, people):
    _, order_id = stack.push_order("employment")
    order = stack.wait_routed(order_id)
    assert order["handling_mode"] == "joint_handling", order
    lead, partner = order["responsible_units"][:2]
    outsider = "pension_insurance_center"
    assert outsider not in order["responsible_units"]
    for step in [["acknowledge", order_id, "--as", f"liaison:c9@{lead}"],
                 ["instruct", order_id, "--as", f"unit_leader:c9@{lead}", "--opinion", "请牵头召开协调会"],
                 ["start", order_id, "--as", f"liaison:c9@{lead}"]]:
        result = stack.ctl(*step)
        assert result.returncode == 0, f"{step[0]}: {result.stderr}"

    # The desk opens the case from the order page.
    desk = people("desk.office")
    expect(desk.locator('header nav a[href="/coordination"]')).to_have_text("协调会商")
    console.open_order(desk, order_id, "coord-order-before-case")
    submit(console, desk, "open", "coord-case-opened", "立案协调", fill={
        "coordinator": "张协调", "instructing_leader": "分管局长", "instruction": "请牵头单位召集相关单位协调解决。"})
    expect(desk).to_have_url(re.compile(r"/coordination/CC-[0-9]+-[0-9]+\?done=open$"))
    case_id = re.search(r"/coordination/([^/?]+)", desk.url).group(1)
    expect(desk.locator("#case-state")).to_have_text("已立案")
    assert desk.locator("#case-order").get_attribute("href") == f"/orders/{order_id}"

    # Meeting 1 began an hour ago; 2 and 3 tomorrow overlap and invite the same units.
    now = datetime.now(BEIJING)
    tomorrow = (now + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    submit(console, desk, "schedule_meeting", "coord-meeting-1", "安排会议", fill={
        "starts_at": local(now - timedelta(hours=1)), "place": "局三楼会议室", "agenda": "研究待遇衔接问题"})
    expect(desk.locator("#case-state")).to_have_text("已安排会议")
    submit(console, desk, "schedule_meeting", "coord-meeting-2", "安排会议", fill={
        "starts_at": local(tomorrow), "place": "局二楼会议室", "agenda": "听取落实情况"})
    submit(console, desk, "schedule_meeting", "coord-meeting-3", "安排会议", select={"duration_minutes": "90"}, fill={
        "starts_at": local(tomorrow + timedelta(minutes=30)), "call_link": "会议号 123 456 789", "agenda": "复核"})
    expect(desk.locator(".flash-ok")).to_contain_text("时间冲突")
    expect(desk.locator("#meeting-3 .conflict")).to_contain_text(f"{case_id} 第 2 次会议")

    # From yesterday: meeting 1 may fall on yesterday just after midnight.
    calendar = f"/coordination/calendar?from={(now - timedelta(days=1)).strftime('%Y-%m-%d')}"
    console.goto(desk, calendar, "coord-calendar-conflict")
    for number, clashes in [(1, "false"), (2, "true"), (3, "true")]:
        expect(calendar_entry(desk, case_id, number)).to_have_attribute("data-conflict", clashes)
    expect(calendar_entry(desk, case_id, 2).locator(".conflict-flag")).to_have_text("时间冲突")
    fits_a_phone(console, desk, "coord-calendar-phone")

    # Moving meeting 3 to the afternoon ends the clash; then 2 and 3 are called off.
    console.goto(desk, f"/coordination/{case_id}", "coord-case-before-move")
    # Every folded part opened: each control labelled (seen) and reached with the Tab key.
    summaries = desk.locator("details > summary")
    assert summaries.count() >= 4  # other units to invite, 改期或取消 of meetings 1–3, 撤销协调
    for index in range(summaries.count()):
        summaries.nth(index).click()
    console.seen(desk, "coord-case-unfolded")
    assert console.unreachable_by_tab(desk) == []
    desk.reload()
    submit(console, desk, "reschedule_meeting", "coord-meeting-3-moved", "会议改期", meeting=3, fill={
        "starts_at": local(tomorrow + timedelta(hours=4)), "reason": "与第 2 次会议冲突"})
    expect(desk.locator("#meeting-3 .conflict")).to_have_count(0)
    console.goto(desk, calendar, "coord-calendar-moved")
    for number in (2, 3):
        expect(calendar_entry(desk, case_id, number)).to_have_attribute("data-conflict", "false")
    console.goto(desk, f"/coordination/{case_id}", "coord-case-after-move")
    for number in (2, 3):
        submit(console, desk, "cancel_meeting", f"coord-meeting-{number}-cancelled", "取消会议", meeting=number,
               fill={"reason": "议题并入第 1 次会议"})
        expect(desk.locator(f"#meeting-{number}")).to_have_attribute("data-state", "cancelled")

    # Who came, the minutes (markup stays text), and an item for each unit.
    dialogs = []
    desk.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    submit(console, desk, "record_attendance", "coord-attendance", "登记出席", meeting=1, fill={
        f"attendees.{lead}": "陈科长、李干事", f"attendees.{partner}": "刘主任"})
    expect(desk.locator("#meeting-1")).to_have_attribute("data-state", "held")
    expect(desk.locator("#case-state")).to_have_text("协调中")
    expect(desk.locator("#meeting-1 table.attendance")).to_contain_text("陈科长、李干事")
    submit(console, desk, "record_minutes", "coord-minutes", "记录纪要", meeting=1, fill={
        "minutes": MINUTES, "decisions": "牵头单位先行核定待遇\n参与单位同步办理登记"})
    expect(desk.locator("#meeting-1 .minutes")).to_have_text(MINUTES)
    assert not desk.locator("script", has_text="纪要").count(), "the minutes became a script element"
    expect(desk.locator("#meeting-1 ol.decisions li")).to_have_count(2)
    for owner, what in [(lead, "核定并支付相关待遇"), (partner, "办理登记手续")]:
        submit(console, desk, "add_action_item", f"coord-item-{owner}", "交办事项", meeting=1,
               select={"owner_unit": owner}, fill={"what": what, "due_working_days": "3"})
    expect(desk.locator("#action-items tbody tr")).to_have_count(2)
    fits_a_phone(console, desk, "coord-case-phone")
    assert dialogs == [], f"a dialog fired: {dialogs}"

    # The partner's liaison: only its own item's form; a hand-made step it may not take is refused.
    helper = people(f"liaison.{partner}")
    # The order's clocks carry the lead unit; the partner's queue still shows their light.
    console.goto(helper, "/orders", "coord-queue-partner")
    light = console.queue_row(helper, order_id).locator("td.light")
    expect(light).to_have_count(1)
    assert re.search(r"\blight-(red|yellow|green)\b", light.get_attribute("class")), light.get_attribute("class")
    console.goto(helper, f"/coordination/{case_id}", "coord-case-partner")
    for step in ["schedule_meeting", "record_attendance", "record_minutes", "add_action_item", "compile", "cancel",
                 "cancel_meeting", "reschedule_meeting"]:
        expect(step_form(helper, step)).to_have_count(0)
    expect(step_form(helper, "complete_action_item", item=1)).to_have_count(0)
    expect(step_form(helper, "complete_action_item", item=2)).to_have_count(1)
    forged = helper.request.post(f"/coordination/{case_id}/steps", max_redirects=0, form={
        "csrf": console.csrf(helper), "step": "schedule_meeting", "starts_at": local(tomorrow), "duration_minutes": "60",
        "place": "别处", "agenda": "越权安排"})
    assert forged.status == 403, f"HTTP {forged.status}"
    assert "无权" in forged.text()
    assert len(coordination_case(stack, case_id)["meetings"]) == 3
    submit(console, helper, "complete_action_item", "coord-item-2-done", "事项办结", item=2,
           fill={"outcome": "已办理登记手续。"})

    # Another unit's liaison: intake does not let them read the order, so not its case either.
    outside = people(f"liaison.{outsider}")
    refused = console.goto(outside, f"/coordination/{case_id}", "coord-case-outsider")
    assert refused.status == 403
    expect(outside.locator(".flash-error")).to_be_visible()
    token = outside.locator('input[name="csrf"]').first.get_attribute("value")
    forged = outside.request.post(f"/coordination/{case_id}/steps", max_redirects=0, form={
        "csrf": token, "step": "complete_action_item", "item": "1", "outcome": "越权办结"})
    assert forged.status == 403, f"HTTP {forged.status}"
    assert [i["state"] for i in coordination_case(stack, case_id)["action_items"]] == ["open", "done"]

    # The lead unit's liaison finishes its item and compiles; intake then has the draft reply.
    liaison = people(f"liaison.{lead}")
    console.goto(liaison, f"/coordination/{case_id}", "coord-case-lead")
    submit(console, liaison, "complete_action_item", "coord-item-1-done", "事项办结", item=1,
           fill={"outcome": "已核定并支付。"})
    expect(liaison.locator("#case-state")).to_have_text("待汇总")
    submit(console, liaison, "compile", "coord-compiled", "汇总结果", select={"result_code": "solved"},
           fill={"summary": "诉求人反映的问题已协调解决。"})
    expect(liaison.locator("#case-state")).to_have_text("已汇总")
    expect(liaison.locator("#compiled-text")).to_contain_text("诉求人反映的问题已协调解决。")
    wait_until("the compiled reply in intake", 30, lambda: stack.order(order_id)["state"] == "reply_drafted")
    assert "诉求人反映的问题已协调解决。" in stack.order(order_id)["reply_text"]

    # The order page names its case; the list finds it among compiled cases.
    console.open_order(desk, order_id, "coord-order-with-case")
    expect(desk.locator(f'#order-case a[href="/coordination/{case_id}"]')).to_have_text(case_id)
    expect(step_form(desk, "open")).to_have_count(0)
    console.goto(desk, "/coordination?state=compiled", "coord-list-compiled")
    expect(desk.locator(f'#cases tr[data-case-id="{case_id}"]')).to_have_attribute("data-state", "compiled")
    console.goto(desk, "/coordination?state=active", "coord-list-active")
    expect(desk.locator(f'#cases tr[data-case-id="{case_id}"]')).to_have_count(0)

    # Every coordination page visited: controls labelled, POST forms carrying the csrf token.
    ours = lambda checks: {key: found for key, found in checks.items() if key.split(" ")[1].startswith("coord-") and found}  # noqa: E731
    assert not ours(console.findings), f"controls without a label or with tabindex -1: {ours(console.findings)}"
    assert not ours(console.unguarded_forms), f"POST forms without csrf: {ours(console.unguarded_forms)}"

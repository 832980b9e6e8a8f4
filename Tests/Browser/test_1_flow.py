"""An employment order from the platform's push to the reply the platform receives, every step
taken in the browser by the person whose step it is."""
import re

from playwright.sync_api import expect

from pages import WAIT_MS


def test_an_order_goes_from_the_live_queue_to_the_platform_through_the_pages(console, stack, people):
    liaison_login = "liaison.employment_office"
    # First sign-in: the one-time password must be changed (on /password) before anything else.
    assert liaison_login in console.one_time
    liaison = people(liaison_login)
    assert liaison_login in console.changed_at_sign_in, "the first sign-in did not ask for a new password"
    console.seen(liaison, "queue-before-push")

    # The order arrives while the liaison looks at the queue: a new row and an alert, no reload.
    liaison.evaluate("window.__stillTheSamePage = true")
    expect(liaison.locator("#live-alert")).to_be_hidden()
    shown_before = int(re.match(r"(\d+) 件", liaison.locator("#queue-total").inner_text()).group(1))
    number, order_id = stack.push_order("employment", urgency="normal")
    row = console.queue_row(liaison, order_id)
    expect(row).to_be_visible(timeout=WAIT_MS)
    expect(liaison.locator("#live-alert")).to_be_visible()
    expect(liaison.locator("#queue-total")).to_have_text(f"{shown_before + 1} 件")  # the count follows the rows
    assert liaison.evaluate("window.__stillTheSamePage === true"), "the queue reloaded instead of updating in place"
    console.seen(liaison, "queue-live-row")
    link = row.locator("a.order-link")
    expect(link).to_have_text(number)
    assert link.get_attribute("href") == f"/orders/{order_id}"
    light = row.locator("td.light")
    expect(light).to_have_count(1)
    assert re.search(r"\blight-(red|yellow|green)\b", light.get_attribute("class")), light.get_attribute("class")

    # 签收 by the liaison.
    with liaison.expect_navigation():
        link.click()
    console.seen(liaison, "order-awaiting-ack")
    expect(liaison.locator("#order-state")).to_have_text("待签收")
    for foreign in ["review", "send_to_platform"]:  # the desk's, not a liaison's
        expect(console.action_form(liaison, foreign)).to_have_count(0)
    console.act_ok(liaison, "acknowledge", "order-acknowledged", "已签收")

    # 交办意见 by the unit's leader, in a browser of their own.
    leader = people("leader.employment_office")
    console.open_order(leader, order_id, "order-leader")
    console.act_ok(leader, "instruct", "order-instructed", "已交办", text="请就业办核实政策并于三日内答复来电人。",
                   fill={"circulate_to": "钱副局长、就业促进科"})
    expect(leader.locator("table.timeline")).to_contain_text("传阅：钱副局长、就业促进科")

    # The liaison handles and replies.
    console.open_order(liaison, order_id, "order-liaison-instructed")
    console.act_ok(liaison, "start", "order-in-progress", "办理中")
    reply = "经核实，已向来电人说明就业见习补贴的申领条件和办理渠道。"
    console.act_ok(liaison, "draft_reply", "order-reply-drafted", "待审核", select={"result_code": "solved"}, text=reply)

    # The desk reviews and sends the reply to the platform.
    desk = people("desk.office")
    console.open_order(desk, order_id, "order-desk-review")
    console.act_ok(desk, "review", "order-reviewed", "已审核", check={"approved": "true"}, text="同意答复。")
    response = console.act(desk, "send_to_platform", "order-sent")
    assert response.status < 400, console.flash(desk)
    expect(desk.locator(".flash-ok")).to_be_visible()
    # The simulated platform may review and call back at once: any state from 已反馈 on.
    expect(desk.locator("#order-state")).to_have_text(re.compile("已反馈|待回访|已办结"))

    line = stack.wait_reply(number)
    assert "result=solved" in line and reply[:20] in line, line

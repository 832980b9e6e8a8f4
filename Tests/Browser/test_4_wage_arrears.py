"""A wage-arrears order (专事专办) is answered against a closure standard with its evidence
(Shared/Domain/WorkOrder/Data/closure-standards.json), through the reply form; evidence is named
by its code (E1 …), as the form lists it once a standard is chosen."""
import re

from playwright.sync_api import expect

# WA-P01 经核实存在欠薪，已足额支付: the evidence it requires, by code, and each item's title.
STANDARD = "WA-P01"
EVIDENCE = [("E1", "ZF-2026-0412"), ("E2", "QR-2026-0412"), ("E3", "DC-2026-0412")]
TITLES = ["工资支付凭证（银行转账记录或签收单）", "劳动者确认收到工资的记录", "调查核实记录"]


def evidence_text(items):
    return "\n".join(f"{name}|{reference}" for name, reference in items)


def test_a_wage_arrears_reply_cites_a_closure_standard_with_its_evidence(console, stack, people):
    number, order_id = stack.push_order("wage_arrears")
    assert stack.wait_routed(order_id)["responsible_units"] == ["labor_inspection_brigade"]

    liaison = people("liaison.labor_inspection_brigade")
    console.open_order(liaison, order_id, "wage-order")
    console.act_ok(liaison, "acknowledge", "wage-acknowledged", "已签收")
    leader = people("leader.labor_inspection_brigade")
    console.open_order(leader, order_id, "wage-order-leader")
    console.act_ok(leader, "instruct", "wage-instructed", "已交办", text="请监察支队立即调查，督促足额支付。")
    console.open_order(liaison, order_id, "wage-order-instructed")
    console.act_ok(liaison, "start", "wage-in-progress", "办理中")

    form = console.action_form(liaison, "draft_reply")
    codes = form.locator('select[name="closure_standard"] option').evaluate_all("options => options.map(o => o.value)")
    assert [f"WA-P{n:02d}" for n in range(1, 12)] == [code for code in codes if code], codes
    fields = {"closure_standard": STANDARD, "result_code": "solved"}

    # One piece of evidence missing: refused, naming it, and the order stays in handling.
    refused = console.act(liaison, "draft_reply", "wage-reply-refused", select=fields, text="已督促企业支付。",
                          fill={"evidence": evidence_text(EVIDENCE[:2]), "workers_helped": "12",
                                "amount_recovered_yuan": "34567.89"})
    assert 400 <= refused.status < 500, f"HTTP {refused.status}"
    expect(liaison.locator(".flash-error")).to_contain_text(TITLES[2])
    expect(liaison.locator("#order-state")).to_have_text("办理中")

    console.act_ok(liaison, "draft_reply", "wage-reply-drafted", "待审核", select=fields,
                   text="经调查，该企业拖欠12名劳动者工资，已督促足额支付。",
                   fill={"evidence": evidence_text(EVIDENCE), "workers_helped": "12", "amount_recovered_yuan": "34567.89"})
    drafted = [e for e in stack.show(order_id)["events"] if e["action"] == "draft_reply"]
    assert len(drafted) == 1, drafted
    details = drafted[0]["details"]
    assert details.get("closure_standard") == STANDARD, details
    assert details.get("wage.workers") == "12" and details.get("wage.amount_fen") == "3456789", details

    desk = people("desk.office")
    console.open_order(desk, order_id, "wage-desk-review")
    console.act_ok(desk, "review", "wage-reviewed", "已审核", check={"approved": "true"}, text="证据齐全，同意办结。")
    console.act(desk, "send_to_platform", "wage-sent")
    expect(desk.locator("#order-state")).to_have_text(re.compile("已反馈|待回访|已办结"))
    line = stack.wait_reply(number)
    assert "result=solved standard=WA-P01" in line, line

"""并单 in the browser: the desk merges a repeat order into the first by the number it knows, both
pages say so, and the merge is undone from the merged order's page."""
from playwright.sync_api import expect

CONTENT = "某建筑公司拖欠农民工三个月工资共计四万余元，来电人多次讨要未果，请尽快核实处理。"


def test_the_desk_merges_a_repeat_order_into_the_first_and_undoes_it(console, stack, people):
    first_no, first = stack.push_order("wage_arrears", content=CONTENT)
    second_no, second = stack.push_order("wage_arrears", content=CONTENT)
    for order_id in (first, second):
        stack.wait_routed(order_id)
    desk = people("desk.office")

    # The desk's queue marks both: each was found like the other.
    for number, order_id in ((second_no, second), (first_no, first)):
        console.goto(desk, f"/orders?q={number}", f"merge-0-queue-{number}")
        expect(console.queue_row(desk, order_id).locator(".tag")).to_have_text("疑似重复")

    console.open_order(desk, second, "merge-1-repeat")
    # Intake found the first as a probable duplicate: the page names it by number, and the merge
    # form offers that number.
    expect(desk.locator("li.duplicate")).to_contain_text(first_no)
    expect(desk.locator(f'#merge-candidates option[value="{first_no}"]')).to_have_count(1)
    console.act_ok(desk, "merge", "merge-2-merged", "已并单", fill={"parent_order_id": first_no})
    expect(desk.locator("li.merged-into")).to_contain_text(first_no)
    assert stack.order(second)["parent_order_id"] == first
    # The operator's `subanctl show` of the parent names it too.
    assert [m["platform_order_number"] for m in stack.show(first)["merged_orders"]] == [second_no]

    console.open_order(desk, first, "merge-3-parent")
    merged = desk.locator("li.merged-child")
    expect(merged).to_have_count(1)
    expect(merged).to_contain_text(second_no)
    expect(merged).to_contain_text("一并答复")

    console.open_order(desk, second, "merge-4-merged-page")
    console.act_ok(desk, "unmerge", "merge-5-unmerged", "待签收")
    console.open_order(desk, first, "merge-6-parent-after")
    expect(desk.locator("li.merged-child")).to_have_count(0)


def test_a_number_that_names_no_order_is_refused_and_changes_nothing(console, stack, people):
    _, order_id = stack.push_order("employment")
    stack.wait_routed(order_id)
    desk = people("desk.office")
    console.open_order(desk, order_id, "merge-unknown-before")
    response = console.act(desk, "merge", "merge-unknown-refused", fill={"parent_order_id": "NO-SUCH-ORDER"})
    assert response.status >= 400, response.status
    expect(desk.locator(".flash-error")).to_contain_text("12345 热线的工单 NO-SUCH-ORDER 不存在")
    expect(desk.locator(".flash-error")).not_to_contain_text("no order")
    assert stack.order(order_id)["state"] == "assigned_pending_ack"

"""The bureau desk's dashboard (值班台) counts what the desk's own queue lists, ranks the units,
and assigns what routing could not."""
import signal

from playwright.sync_api import expect

UNIT = "employment_office"


def test_the_desk_counts_match_the_queue_filtered_to_a_unit(console, stack, people):
    for _ in range(2):  # at least two orders awaiting acknowledgement, whatever ran before
        stack.wait_routed(stack.push_order("employment")[1])

    desk = people("desk.office")
    response = console.goto(desk, "/desk", "desk")
    assert response.status == 200
    row = desk.locator(f'#desk-counts tr[data-unit="{UNIT}"]')
    expect(row).to_have_count(1)
    counts = {}
    for name in ["awaiting_ack", "overdue", "warning", "due_today"]:
        text = row.locator(f'td[data-count="{name}"]').inner_text().strip()
        assert text.isdigit(), f"{name}: {text!r}"
        counts[name] = int(text)

    # Intake's own answer: what the harness lists as the desk.
    assert counts["awaiting_ack"] == len(stack.list_orders(state="assigned_pending_ack", unit=UNIT)) >= 2

    # The desk's queue for the unit, filtered to 待签收 with the filter form.
    console.goto(desk, f"/orders?unit={UNIT}", "desk-queue-unit")
    desk.locator('select[name="state"]').select_option("assigned_pending_ack")
    with desk.expect_navigation():
        desk.locator('select[name="state"]').evaluate("select => select.form.requestSubmit()")
    console.seen(desk, "desk-queue-unit-awaiting")
    assert f"unit={UNIT}" in desk.url and "state=assigned_pending_ack" in desk.url, desk.url
    assert desk.locator("#queue tbody tr[data-order-id]").count() == counts["awaiting_ack"]


def test_the_dashboard_is_the_desks_only(console, people):
    page = people("liaison.pension_insurance_center")
    response = console.goto(page, "/desk", "desk-refused-to-liaison")
    assert response.status == 403
    expect(page.locator(".flash-error")).to_be_visible()


def test_the_desk_assigns_from_the_dashboard_an_order_routing_could_not(console, stack, people):
    desk = people("desk.office")
    console.goto(desk, "/desk", "desk-before-routing-stops")  # the unit names are read while routing answers
    expect(desk.locator("#desk-ranking tbody tr").first).to_be_visible()
    routing = stack.processes["routing"]
    routing.send_signal(signal.SIGSTOP)  # routing hangs: intake keeps the order received and retries later
    try:
        _, order_id = stack.push_order("pension")
        assert stack.order(order_id)["state"] == "received"
        console.goto(desk, "/desk", "desk-unrouted")
        item = desk.locator(f'ul.assignable li[data-order-id="{order_id}"]')
        item.get_by_label("承办单位").select_option("pension_insurance_center")
        with desk.expect_navigation():
            item.get_by_role("button", name="派单").click()
        console.seen(desk, "desk-assigned")
        expect(desk.locator(".flash-ok")).to_contain_text("已派单")
        expect(desk.locator(f'ul.assignable li[data-order-id="{order_id}"]')).to_have_count(0)
    finally:
        routing.send_signal(signal.SIGCONT)
    order = stack.order(order_id)
    assert order["state"] == "assigned_pending_ack", order["state"]
    assert order["responsible_units"] == ["pension_insurance_center"]

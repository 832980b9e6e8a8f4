"""The bureau desk's dashboard (值班台) counts what the desk's own queue lists."""
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

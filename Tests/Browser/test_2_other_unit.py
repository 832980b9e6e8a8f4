"""A liaison sees and acts on their own unit's orders only: another unit's order is not in their
queue, its page is refused, and a hand-made POST with their own valid csrf token changes nothing."""
from playwright.sync_api import expect


def test_a_liaison_can_neither_see_nor_act_on_another_units_order(console, stack, people):
    _, foreign_id = stack.push_order("employment")
    assert "pension_insurance_center" not in stack.wait_routed(foreign_id)["responsible_units"]
    # A control order of their own unit: the same token must work there, so a 403 is the unit check.
    _, own_id = stack.push_order("pension", kind="complaint", content="来电人反映养老金至今未发放，请核实原因。")
    assert stack.wait_routed(own_id)["responsible_units"] == ["pension_insurance_center"]

    page = people("liaison.pension_insurance_center")
    expect(console.queue_row(page, own_id)).to_be_visible()
    expect(console.queue_row(page, foreign_id)).to_have_count(0)

    refused = console.open_order(page, foreign_id, "foreign-order-refused")
    assert refused.status == 403
    expect(page.locator(".flash-error")).to_be_visible()

    console.open_order(page, own_id, "own-order")
    token = console.csrf(page)
    forged = page.request.post(f"/orders/{foreign_id}/actions", form={"csrf": token, "action": "acknowledge"},
                               max_redirects=0)
    assert forged.status == 403, f"HTTP {forged.status}"
    honest = page.request.post(f"/orders/{own_id}/actions", form={"csrf": token, "action": "acknowledge"})
    assert honest.ok, f"the same token on an order of their own unit: HTTP {honest.status}"
    assert stack.order(own_id)["state"] == "acknowledged"

    # The foreign order did not move: as the desk sees it, and as intake has it.
    desk = people("desk.office")
    console.open_order(desk, foreign_id, "foreign-order-desk")
    expect(desk.locator("#order-state")).to_have_text("待签收")
    assert stack.order(foreign_id)["state"] == "assigned_pending_ack"

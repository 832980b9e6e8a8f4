"""A caller in clear: the handling unit's liaison gives a reason and sees the number once; the page
then lists who looked, when and why. Another unit's liaison, posting by hand with a valid token,
is refused and leaves no record."""
from playwright.sync_api import expect


def test_the_caller_is_shown_in_clear_with_a_reason_and_the_look_is_recorded(console, stack, people):
    _, order_id = stack.push_order("employment", content="来电人反映单位未缴纳社会保险，请核实。")
    assert stack.wait_routed(order_id)["responsible_units"] == ["employment_office"]

    liaison = people("liaison.employment_office")
    console.open_order(liaison, order_id, "caller-masked")
    expect(liaison.get_by_text("139****5678")).to_be_visible()
    expect(liaison.locator("#caller-disclosures")).to_have_count(0)
    liaison.locator("details.reveal summary").click()
    liaison.get_by_label("查看事由").fill("回访来电人，核实参保单位名称")
    with liaison.expect_navigation():
        liaison.locator("details.reveal button[type=submit]").click()
    console.seen(liaison, "caller-revealed")
    expect(liaison.locator("#caller-revealed")).to_contain_text("王伟 13912345678")
    record = liaison.locator("#caller-disclosures tbody tr")
    expect(record).to_have_count(1)
    expect(record).to_contain_text("回访来电人，核实参保单位名称")
    expect(record).to_contain_text("liaison.employment_office")

    # Opened again, the caller is masked: the clear number was for that one answer.
    console.open_order(liaison, order_id, "caller-masked-again")
    expect(liaison.locator("#caller-revealed")).to_have_count(0)
    expect(liaison.get_by_text("139****5678")).to_be_visible()

    other = people("liaison.pension_insurance_center")
    console.goto(other, "/orders", "other-unit-queue")
    forged = other.request.post(f"/orders/{order_id}/caller", form={"csrf": console.csrf(other), "reason": "想看看"},
                                max_redirects=0)
    assert forged.status == 403, f"HTTP {forged.status}"
    assert "13912345678" not in forged.text()
    console.open_order(liaison, order_id, "caller-one-record")
    expect(liaison.locator("#caller-disclosures tbody tr")).to_have_count(1)

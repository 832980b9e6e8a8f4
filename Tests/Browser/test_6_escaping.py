"""What the public sent is text: markup in an order's content shows as typed and never runs."""
from playwright.sync_api import expect

CONTENT = "<script>alert(1)</script> &amp; \u0007"


def test_markup_in_an_orders_content_is_shown_literally_and_never_runs(console, stack, people):
    _, order_id = stack.push_order("employment", kind="complaint", content=CONTENT)
    assert stack.wait_routed(order_id)["content"] == CONTENT

    page = people("desk.office")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = console.open_order(page, order_id, "order-with-markup")
    assert response.status == 200
    shown = page.locator("body").inner_text()
    assert "<script>alert(1)</script> &amp;" in shown, "the content is not shown as typed"
    assert not page.locator("script", has_text="alert(1)").count(), "the content became a script element"
    # The queue lists it too (its search looks into the content).
    console.goto(page, "/orders?q=alert", "queue-with-markup")
    expect(console.queue_row(page, order_id)).to_be_visible()
    assert dialogs == [], f"a dialog fired: {dialogs}"

"""What the public sent is text: markup in an order's content shows as typed and never runs, and
control characters (escape sequences, bell, a lone carriage return, bidirectional overrides) show
as visible \\uXXXX instead of reordering or hiding what staff read."""
from playwright.sync_api import expect

CONTENT = "<script>alert(1)</script> &amp; \u0007"
CONTROLS = "工资被拖欠\u001b[2J\u001b]0;标题\u0007\r覆盖\u202e倒序\u009b"
SHOWN = "工资被拖欠\\u001B[2J\\u001B]0;标题\\u0007\\u000D覆盖\\u202E倒序\\u009B"
UNSAFE = ["\u001b", "\u0007", "\r", "\u202e", "\u009b"]


def test_markup_in_an_orders_content_is_shown_literally_and_never_runs(console, stack, people):
    _, order_id = stack.push_order("employment", kind="complaint", content=CONTENT)
    assert stack.wait_routed(order_id)["content"] == CONTENT

    page = people("desk.office")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = console.open_order(page, order_id, "order-with-markup")
    assert response.status == 200
    shown = page.locator("body").inner_text()
    assert "<script>alert(1)</script> &amp; \\u0007" in shown, "the content is not shown as typed"
    assert not page.locator("script", has_text="alert(1)").count(), "the content became a script element"
    # The queue lists it too (its search looks into the content).
    console.goto(page, "/orders?q=alert", "queue-with-markup")
    expect(console.queue_row(page, order_id)).to_be_visible()
    assert dialogs == [], f"a dialog fired: {dialogs}"


def test_control_characters_in_an_orders_content_are_shown_not_obeyed(console, stack, people):
    _, order_id = stack.push_order("employment", kind="complaint", content=CONTROLS)
    assert stack.wait_routed(order_id)["content"] == CONTROLS, "the order is stored exactly as pushed"

    page = people("desk.office")
    response = console.open_order(page, order_id, "order-with-controls")
    assert response.status == 200
    html = page.content()
    assert SHOWN in page.locator("body").inner_text(), "the controls are not shown as \\uXXXX"
    assert not [c for c in UNSAFE if c in html], "a control character reached the page raw"
    console.goto(page, "/orders?q=工资被拖欠", "queue-with-controls")
    row = console.queue_row(page, order_id)
    expect(row).to_be_visible()
    assert "\u202e" not in row.inner_text()

"""The knowledge base (知识库) page finds the articles the harness imported (docs/knowledge-base-example.csv),
and a consultation is answered from it on the order's page: the desk answers, a colleague reviews,
and 12345 receives the article's own text."""
import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("name, query, title", [
    ("wages", "工资", "单位拖欠工资怎么办"),
    ("pension", "养老", "养老金领取资格认证怎么做"),
    ("retirement", "退休", "如何办理退休手续"),
    ("wage-arrears", "拖欠工资", "单位拖欠工资怎么办"),
], ids=["wages", "pension", "retirement", "wage-arrears"])
def test_a_search_finds_the_article(console, people, name, query, title):
    page = people("desk.office")
    console.goto(page, "/kb", "kb")
    page.locator('input[name="q"]').fill(query)
    with page.expect_navigation():
        page.locator('input[name="q"]').press("Enter")
    console.seen(page, f"kb-{name}")
    assert "/kb" in page.url and "q=" in page.url, page.url
    results = page.locator(".kb-result")
    expect(results.filter(has_text=title)).not_to_have_count(0)


def test_the_desk_answers_a_consultation_from_the_knowledge_base_and_a_colleague_reviews_it(console, stack, people):
    number, order_id = stack.push_order("other", kind="consultation", content="请问社会保障卡丢失了怎么补办？")
    order = stack.order(order_id)
    assert order["state"] == "received" and order["knowledge_base_article_id"] == "KB-EX-04", order

    desk = people("desk.office")
    console.open_order(desk, order_id, "order-kb-proposed")
    form = console.action_form(desk, "answer_from_knowledge_base")
    expect(form.locator('input[name="article_id"]')).to_have_value("KB-EX-04")  # routing's proposal, ready to send
    console.act_ok(desk, "answer_from_knowledge_base", "order-kb-answered", "知识库答复待审核")
    expect(desk.locator("table.timeline")).to_contain_text("KB-EX-04")

    # The author may not review it: the form says so and nothing changes.
    console.act(desk, "review", "order-kb-own-review", check={"approved": "true"})
    expect(desk.locator(".flash-error")).to_contain_text("起草人以外")
    expect(desk.locator("#order-state")).to_have_text("知识库答复待审核")

    colleague = people("desk2.office")
    console.open_order(colleague, order_id, "order-kb-colleague")
    console.act_ok(colleague, "review", "order-kb-reviewed", "已审核", check={"approved": "true"}, text="答复准确。")
    response = console.act(colleague, "send_to_platform", "order-kb-sent")
    assert response.status < 400, console.flash(colleague)
    expect(colleague.locator("#order-state")).to_have_text(re.compile("已反馈|待回访|已办结"))

    line = stack.wait_reply(number)
    assert "挂失" in line and "知识库答复（" not in line, line

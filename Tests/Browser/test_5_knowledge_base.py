"""The knowledge base (知识库) page finds the articles the harness imported (docs/knowledge-base-example.csv)."""
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

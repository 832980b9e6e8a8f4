"""统计报表: the assessment of a period drawn by subanctl's own renderer, its downloads the files
subanctl writes, and a unit's people seeing their own unit's row only."""
import csv
import io
import json
import re
import zipfile
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

try:
    import openpyxl
except ImportError:  # the zip structure is checked instead
    openpyxl = None


def subanctl_report(stack, *arguments):
    result = stack.ctl("report", *arguments)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ranking_names(page):
    table = page.locator("#report table", has=page.locator("caption", has_text="单位考评排名"))
    expect(table).to_have_count(1)
    return [cells[1] for cells in (row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all())]


def test_the_report_page_shows_every_unit_ranked_and_its_charts(console, stack, people):
    stack.push_order("employment")  # at least one order in this month's figures
    page = people("desk.office")
    expect(page.get_by_role("link", name="统计报表")).to_be_visible()
    response = console.goto(page, "/reports", "reports-this-month")
    assert response.status == 200, console.flash(page)

    report = json.loads(subanctl_report(stack, "--output", "json"))
    month = datetime.now(timezone(timedelta(hours=8))).strftime("%Y-%m")  # the default: this month in Beijing
    assert page.locator("#report-title").inner_text().startswith(f"人社局 12345 工单考评 {month}")
    assert ranking_names(page) == [unit["name"] for unit in report["units"]]
    # The charts are inline SVG with their labels: the score bars name every unit.
    charts = page.locator("#report figure.chart svg[role=img]")
    assert charts.count() >= 4
    bars = page.locator("#report figure.chart").first.inner_text()
    assert all(unit["name"] in bars or unit["name"][:6] in bars for unit in report["units"]), bars[:300]
    # The report's stylesheet came as a file under the CSP: key figures have their coloured top border.
    assert page.locator("#report .figure").first.evaluate("e => getComputedStyle(e).borderTopWidth") == "4px"
    # The page as served (the DOM gets empty style attributes from the browser's own form handling).
    served = page.request.get("/reports").text()
    assert "<svg" in served and not re.search(r"\sstyle\s*=|<style", served), "inline style, which the CSP (style-src 'self') blocks"
    expect(page.locator("#digest-days li")).to_have_count(7)

    # A phone's width: nothing wider than the screen but the scrolling tables and charts.
    page.set_viewport_size({"width": 390, "height": 844})
    console.seen(page, "reports-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_period_can_be_chosen_and_a_bad_one_is_refused(console, people):
    page = people("desk.office")
    page.goto("/reports")
    page.locator('input[name="from"]').fill("2026-01-05")
    page.locator('input[name="to"]').fill("2026-01-11")
    with page.expect_navigation():
        page.locator("#period-form").get_by_role("button", name="查看").click()
    console.seen(page, "reports-range")
    expect(page.locator("#report-title")).to_contain_text("2026-01-05..2026-01-11")

    response = console.goto(page, "/reports?period=2026-13", "reports-bad-period")
    assert response.status == 422
    expect(page.locator(".flash-error")).to_contain_text("无法识别的期间")
    expect(page.locator("#report")).to_have_count(0)


def test_the_downloads_are_the_xlsx_and_csv_subanctl_writes(console, stack, people, tmp_path):
    page = people("desk.office")
    console.goto(page, "/reports?period=2026-Q1", "reports-quarter")
    with page.expect_download() as download_info:
        page.locator("#download-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "suban-report-2026-Q1.xlsx"
    ours = tmp_path / "console.xlsx"
    download.save_as(ours)
    theirs = tmp_path / "subanctl.xlsx"
    subanctl_report(stack, "--period", "2026-Q1", "--output", "xlsx", "--out", str(theirs))
    with zipfile.ZipFile(ours) as mine, zipfile.ZipFile(theirs) as reference:
        assert mine.testzip() is None
        assert sorted(mine.namelist()) == sorted(reference.namelist())
        assert "xl/workbook.xml" in mine.namelist()
    if openpyxl is not None:
        mine, reference = openpyxl.load_workbook(ours), openpyxl.load_workbook(theirs)
        assert mine.sheetnames == reference.sheetnames
        ranking = mine[mine.sheetnames[1]]
        units = {row[1] for row in ranking.iter_rows(min_row=2, values_only=True)}
        expected = {unit["name"] for unit in json.loads(subanctl_report(stack, "--period", "2026-Q1", "--output", "json"))["units"]}
        assert units == expected

    page.locator('select[name="table"]').select_option("ranking")
    with page.expect_download() as download_info:
        page.locator("#download-csv").click()
    download = download_info.value
    assert download.suggested_filename == "suban-report-ranking-2026-Q1.csv"
    with open(download.path(), "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    reference = list(csv.reader(io.StringIO(subanctl_report(stack, "--period", "2026-Q1", "--output", "csv").lstrip("\ufeff"), newline="")))
    assert rows[0] == reference[0] and rows[0][:3] == ["排名", "单位", "得分"]
    assert [row[1] for row in rows[1:]] == [row[1] for row in reference[1:]]


def test_a_unit_sees_its_own_row_only_and_a_download_of_another_unit_is_not_possible(console, stack, people):
    page = people("liaison.pension_insurance_center")
    response = console.goto(page, "/reports", "reports-liaison")
    assert response.status == 200, console.flash(page)
    names = ranking_names(page)
    assert len(names) == 1 and "养老" in names[0], names
    csv_response = page.request.get("/reports/download?period=2026-Q1&format=csv")
    assert csv_response.ok
    rows = list(csv.reader(io.StringIO(csv_response.text().lstrip("\ufeff"), newline="")))
    assert len(rows) == 2 and rows[1][1] == names[0]
    assert re.search(r'attachment; filename="suban-report-ranking-2026-Q1\.csv"', csv_response.headers["content-disposition"])
    for bad in ["format=pdf", "format=csv&table=secrets"]:
        assert page.request.get(f"/reports/download?period=2026-Q1&{bad}").status == 422

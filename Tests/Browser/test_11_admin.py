"""管理: an administrator creates an account whose holder signs in with the one-time password and
must change it, disables it (sign-in refused), edits a unit, imports key enterprises all or
nothing, loads a holiday year (a bad file changes nothing); nobody else reaches these pages or their forms."""
import json
import os
import re

from playwright.sync_api import expect

from stack import ADMIN_PASSWORD

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(first17):
    """A credit code with its GB 32100 check character."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def admin_page(console, people):
    """A page of the administrator, signed in with the session `subanctl login` opened at set-up
    (the web pages and subanctl share the console's sessions): a sign-in through the page would be
    one more of the 10 a minute the console allows the suite's one address."""
    if "admin" not in console.signed_in:
        with open(os.path.join(console.stack.work, "admin", "session")) as f:
            token = f.read().strip()
        context = console.new_context()
        context.add_cookies([{"name": "suban_session", "value": token, "url": console.url}])
        console.signed_in["admin"] = context
    console.passwords.setdefault("admin", ADMIN_PASSWORD)
    return people("admin")


def test_an_administrator_creates_an_account_whose_holder_must_change_the_one_time_password(console, people, contexts):
    admin = admin_page(console, people)
    expect(admin.get_by_role("link", name="管理")).to_be_visible()
    console.goto(admin, "/admin/accounts/new", "admin-new-account")
    form = admin.locator("#new-account")
    form.locator('input[name="login"]').fill("clerk.employment")
    form.locator('input[name="name"]').fill("张<b>新</b>")
    form.locator('input[name="roles"][value="liaison"]').check()
    form.locator('select[name="unit"]').select_option("employment_office")
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="创建账号").click()
    console.seen(admin, "admin-account-created")
    assert navigation.value.status == 201, console.flash(admin)
    password = admin.locator("#one-time-password").inner_text().strip()
    assert len(password) >= 12
    expect(admin.locator("#one-time-title")).to_contain_text("张<b>新</b>")  # text, not markup

    # A taken login is refused in Chinese and nothing changes.
    console.goto(admin, "/admin/accounts/new", "admin-new-account-again")
    form = admin.locator("#new-account")
    form.locator('input[name="login"]').fill("clerk.employment")
    form.locator('input[name="name"]').fill("另一个人")
    form.locator('input[name="roles"][value="bureau_desk"]').check()
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="创建账号").click()
    console.seen(admin, "admin-login-taken")
    assert navigation.value.status == 409
    expect(admin.locator(".flash-error")).to_contain_text("账号已存在")
    # The refusal names the call's trace id, for the administrator to quote.
    expect(admin.locator(".flash-error")).to_contain_text(re.compile(r"追踪编号 [0-9a-f]{32}"))

    # The holder signs in with it and must choose their own password first.
    console.passwords["clerk.employment"] = password
    clerk = console.sign_in(contexts(), "clerk.employment")
    assert "clerk.employment" in console.changed_at_sign_in
    expect(clerk.locator("header .who")).to_contain_text("就业")

    # Disabled: the open session ends and a new sign-in is refused.
    console.goto(admin, "/admin/accounts/clerk.employment", "admin-account")
    expect(admin.locator("#account-state")).to_have_text("正常")
    expect(admin.locator("#sessions tbody tr")).to_have_count(1)
    with admin.expect_navigation():
        admin.locator("#disable-account").get_by_role("button", name="停用账号").click()
    console.seen(admin, "admin-account-disabled")
    expect(admin.locator("#account-state")).to_contain_text("已停用")
    expect(admin.locator("#account-events")).to_contain_text("停用")
    clerk.goto("/orders")
    expect(clerk).to_have_url(re.compile(r"/login"))
    console.submit_login(clerk, "clerk.employment")
    expect(clerk).to_have_url(re.compile(r"/login"))
    expect(clerk.locator(".flash-error")).to_contain_text("账号已停用")

    # The list shows it disabled, its unit by name.
    console.goto(admin, "/admin/accounts?unit=employment_office", "admin-accounts")
    row = admin.locator('#accounts tr[data-login="clerk.employment"]')
    expect(row.locator(".account-state")).to_contain_text("已停用")
    expect(row).to_contain_text("就业")


def test_a_password_reset_shows_a_new_one_time_password_once(console, people):
    admin = admin_page(console, people)
    console.goto(admin, "/admin/accounts/liaison.office", "admin-account-liaison")
    with admin.expect_navigation():
        admin.locator("#reset-password").get_by_role("button").click()
    console.seen(admin, "admin-password-reset")
    password = admin.locator("#one-time-password").inner_text().strip()
    assert len(password) >= 12
    console.passwords["liaison.office"] = password
    console.one_time.add("liaison.office")
    console.goto(admin, "/admin/accounts/liaison.office", "admin-account-liaison-after")
    expect(admin.locator("#account-state")).to_contain_text("待修改一次性密码")
    assert password not in admin.content(), "the one-time password is shown once only"


def test_no_one_but_an_administrator_reaches_the_administration(console, people):
    desk = people("desk.office")
    expect(desk.get_by_role("link", name="管理")).to_have_count(0)
    for path in ["/admin/accounts", "/admin/accounts/new", "/admin/accounts/desk.office", "/admin/units", "/admin/enterprises",
                 "/admin/rules", "/admin/calendar"]:
        response = console.goto(desk, path, "admin-refused")
        assert response.status == 403, f"{path}: HTTP {response.status}"
    token = console.csrf(desk)
    forged = desk.request.post("/admin/accounts", max_redirects=0, form={
        "csrf": token, "login": "forged.account", "name": "伪造", "roles": "administrator"})
    assert forged.status == 403
    upload = desk.request.post("/admin/enterprises", max_redirects=0, multipart={
        "csrf": token, "csv": {"name": "e.csv", "mimeType": "text/csv",
                               "buffer": f"name,credit_code\n伪造企业,{credit_code('91411200MA44YYYYY')}\n".encode()}})
    assert upload.status == 403

    admin = admin_page(console, people)
    # Even an administrator's POST without the page's token is refused.
    assert admin.request.post("/admin/accounts", max_redirects=0, form={
        "login": "forged.account", "name": "伪造", "roles": "administrator"}).status == 403
    console.goto(admin, "/admin/accounts", "admin-accounts-all")
    expect(admin.locator('#accounts tr[data-login="forged.account"]')).to_have_count(0)
    console.goto(admin, "/admin/enterprises", "admin-enterprises-unchanged")
    expect(admin.locator("#enterprises")).not_to_contain_text("伪造企业")


def test_a_key_enterprise_import_with_a_bad_line_changes_nothing_and_names_the_line(console, people):
    admin = admin_page(console, people)
    console.goto(admin, "/admin/enterprises", "admin-enterprises")
    before = admin.locator("#enterprises tbody tr").count()
    good = credit_code("91411202MA47Q8R1Y")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # a wrong check character
    upload = f"name,credit_code\n三门峡浏览器测试有限公司,{good}\n三门峡校验位错误有限公司,{bad}\n"
    form = admin.locator("#import-enterprises")
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "企业.csv", "mimeType": "text/csv", "buffer": upload.encode()}])
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="导入").click()
    console.seen(admin, "admin-enterprises-refused")
    assert navigation.value.status == 422
    expect(admin.locator("#import-problems")).to_contain_text("第 3 行")
    expect(admin.locator("#import-problems")).to_contain_text("统一社会信用代码")
    expect(admin.locator("#enterprises tbody tr")).to_have_count(before)
    expect(admin.locator("#enterprises")).not_to_contain_text("三门峡浏览器测试有限公司")

    form = admin.locator("#import-enterprises")
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "企业.csv", "mimeType": "text/csv", "buffer": upload.split(f"三门峡校验位错误")[0].encode()}])
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="导入").click()
    console.seen(admin, "admin-enterprises-imported")
    assert navigation.value.status == 200, console.flash(admin)
    expect(admin.locator(".flash-ok")).to_contain_text("已导入 1 家")
    expect(admin.locator("#enterprises")).to_contain_text(good)


def test_units_show_their_people_and_an_administrator_edits_one(console, people):
    admin = admin_page(console, people)
    console.goto(admin, "/admin/units", "admin-units")
    row = admin.locator('#units tr[data-unit="pension_insurance_center"]')
    expect(row.locator('[data-post="liaison"]')).not_to_contain_text("无")
    console.goto(admin, "/admin/units/skills_appraisal_center", "admin-unit")
    name = admin.locator('#edit-unit input[name="name"]')
    original = name.input_value()
    name.fill(original + "（测试）")
    with admin.expect_navigation():
        admin.locator("#edit-unit").get_by_role("button", name="保存").click()
    console.seen(admin, "admin-unit-saved")
    expect(admin.locator(".flash-ok")).to_have_text("已保存")
    expect(admin.locator('#edit-unit input[name="name"]')).to_have_value(original + "（测试）")
    # A blank name is refused and nothing changes.
    admin.locator('#edit-unit input[name="name"]').fill(" ")
    admin.locator('#edit-unit input[name="name"]').evaluate("e => e.removeAttribute('required')")
    with admin.expect_navigation() as navigation:
        admin.locator("#edit-unit").get_by_role("button", name="保存").click()
    console.seen(admin, "admin-unit-refused")
    assert navigation.value.status == 422
    console.goto(admin, "/admin/units/skills_appraisal_center", "admin-unit-unchanged")
    expect(admin.locator('#edit-unit input[name="name"]')).to_have_value(original + "（测试）")
    name = admin.locator('#edit-unit input[name="name"]')
    name.fill(original)
    with admin.expect_navigation():
        admin.locator("#edit-unit").get_by_role("button", name="保存").click()
    for path in ["/admin/rules", "/admin/calendar"]:
        assert console.goto(admin, path, f"admin-{path.rsplit('/', 1)[1]}").status == 200
    console.goto(admin, "/admin/rules", "admin-rules-read")
    expect(admin.locator("#rules tbody tr")).not_to_have_count(0)
    expect(admin.locator("#rule-terms")).to_contain_text("灵活就业人员")


def test_an_administrator_loads_a_holiday_year_and_a_bad_file_changes_nothing(console, people):
    admin = admin_page(console, people)
    console.goto(admin, "/admin/calendar", "admin-calendar-read")
    rows = admin.locator("#calendar-years tbody tr")
    expect(rows).not_to_have_count(0)
    before = rows.count()
    # 2150 is far past every open deadline of the stack, so loading it moves none of them.
    good = {"year": 2150, "notice": "浏览器测试通知", "daysOff": [{"date": "2150-01-01", "name": "元旦"}],
            "workingWeekendDays": []}
    bad = dict(good, workingWeekendDays=[{"date": "2150-01-01"}])  # one date both off and worked
    form = admin.locator("#load-calendar")
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "holidays-2150.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}])
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="加载").click()
    console.seen(admin, "admin-calendar-refused")
    assert navigation.value.status == 422
    expect(admin.locator(".flash-error")).to_contain_text("未加载")
    expect(rows).to_have_count(before)

    form = admin.locator("#load-calendar")
    form.locator('input[type="file"]').set_input_files(
        files=[{"name": "holidays-2150.json", "mimeType": "application/json",
                "buffer": json.dumps(good, ensure_ascii=False).encode()}])
    with admin.expect_navigation() as navigation:
        form.get_by_role("button", name="加载").click()
    console.seen(admin, "admin-calendar-loaded")
    assert navigation.value.status == 200, console.flash(admin)
    expect(admin.locator(".flash-ok")).to_contain_text("已加载 2150 年")
    loaded = admin.locator('#calendar-years tr[data-year="2150"]')
    expect(loaded).to_contain_text("浏览器测试通知")
    expect(loaded).to_contain_text("管理员加载")

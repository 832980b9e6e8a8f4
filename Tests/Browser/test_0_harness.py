"""The rig itself, without the web pages: services up, the roster's people, routing and the knowledge
base as the page tests rely on them. A failure here is the harness's, not the console's."""

LOGINS = ["desk.office", "desk2.office", "liaison.employment_office", "leader.employment_office", "liaison.pension_insurance_center",
          "liaison.labor_inspection_brigade", "leader.labor_inspection_brigade"]


def test_the_roster_import_printed_a_one_time_password_for_every_account_the_tests_sign_in_as(stack):
    assert len(stack.one_time_passwords) == 38, sorted(stack.one_time_passwords)
    for login in LOGINS:
        assert len(stack.one_time_passwords.get(login, "")) >= 12, login


def test_the_rigs_ports_lie_below_the_ephemeral_range_so_no_outgoing_connection_can_take_one(stack):
    with open("/proc/sys/net/ipv4/ip_local_port_range") as ranges:
        ephemeral_from = int(ranges.read().split()[0])
    ports = list(stack.ports.values()) + [stack.http_port, stack.sim_port, stack.smtp_port, stack.console_http_port]
    assert len(set(ports)) == len(ports), ports
    assert all(port < ephemeral_from for port in ports), ports


def test_orders_pushed_from_the_platform_reach_the_units_the_tests_expect(stack):
    _, employment = stack.push_order("employment")
    assert stack.wait_routed(employment)["responsible_units"][0] == "employment_office"
    _, wages = stack.push_order("wage_arrears")
    routed = stack.wait_routed(wages)
    assert routed["responsible_units"] == ["labor_inspection_brigade"]
    assert routed["handling_mode"] == "special_case"


def test_the_knowledge_base_holds_the_imported_articles(stack):
    found = stack.ctl("kb", "search", "拖欠工资")
    assert found.returncode == 0 and "单位拖欠工资怎么办" in found.stdout, found.stdout + found.stderr

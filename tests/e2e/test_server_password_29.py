"""Issue #29, sign-in without an identity provider: install.sh --local-sign-in makes nginx ask each person for their
own password (deploy/password.sh keeps salted hashes) and hand the app the name with a secret; the app believes the
name only with that secret. Brought up as the README says, signed into in Debian's chromium over HTTPS."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
import requests

from core.platform.errors import EduDeskError
from core.platform.proxy_sign_in import person_from_proxy
from tests.e2e.test_server_29 import ROOT, server

PASSWORD = ROOT / "deploy" / "password.sh"
ADMIN, VIEWER, STRANGER = "admin@oiro.example.ru", "viewer@oiro.example.ru", "chuzhoy@oiro.example.ru"
PASSWORDS = {ADMIN: "Admin-parol-2026", VIEWER: "Nablyudatel-77", STRANGER: "Postoronniy-1"}


def _password(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(PASSWORD), "--root", str(root), *args], input=stdin, capture_output=True,
                          text=True)


@pytest.fixture(scope="module")
def passwords_server(demo_workbook, tmp_path_factory):
    root = tmp_path_factory.mktemp("password-server")
    with server(demo_workbook, root, "--local-sign-in") as running:
        for email, secret in PASSWORDS.items():
            assert _password(root, email, "--password-stdin", stdin=secret + "\n").returncode == 0
        yield running


def test_29_person_from_proxy_believes_a_name_only_with_the_secret():
    secret = "a" * 64
    assert person_from_proxy({"x-edudesk-user": ADMIN, "X-EduDesk-Proxy-Secret": secret}, secret) == ADMIN
    for forged in ({"X-EduDesk-User": ADMIN}, {"X-EduDesk-User": ADMIN, "X-EduDesk-Proxy-Secret": "b" * 64},
                   {"X-EduDesk-User": ADMIN, "X-EduDesk-Proxy-Secret": ""}):
        with pytest.raises(EduDeskError, match="не через nginx"):
            person_from_proxy(forged, secret)
    with pytest.raises(EduDeskError, match="не передал, кто вошёл"):
        person_from_proxy({"X-EduDesk-Proxy-Secret": secret}, secret)
    with pytest.raises(EduDeskError, match="нет \\[proxy_sign_in\\]"):
        person_from_proxy({"X-EduDesk-User": ADMIN, "X-EduDesk-Proxy-Secret": ""}, "")


def test_29_passwords_are_each_persons_own_salted_hashes_replaced_and_removed_by_whole_name(tmp_path):
    folder = tmp_path / "etc" / "edudesk"
    folder.mkdir(parents=True)
    (folder / "users.htpasswd").write_text("")
    assert _password(tmp_path, "ba@x.ru", "--password-stdin", stdin="Pervyy-parol-1\n").returncode == 0
    assert _password(tmp_path, "A@x.ru", "--password-stdin", stdin="Vtoroy-parol-2\n").returncode == 0
    first = (folder / "users.htpasswd").read_text().splitlines()
    assert [line.split(":")[0] for line in first] == ["ba@x.ru", "a@x.ru"]
    assert all(line.split(":", 1)[1].startswith("$6$") and "parol" not in line for line in first)
    assert _password(tmp_path, "a@x.ru", "--password-stdin", stdin="Tretiy-parol-3\n").returncode == 0
    second = (folder / "users.htpasswd").read_text().splitlines()
    assert second[0] == first[0] and len(second) == 2 and second[1] != first[1]  # replaced, ba@ untouched
    short = _password(tmp_path, "c@x.ru", "--password-stdin", stdin="korotkiy\n")
    assert short.returncode == 1 and "короче 10" in short.stderr
    assert "не e-mail" in _password(tmp_path, "c:x", "--password-stdin", stdin="Dlinnyy-parol\n").stderr
    assert _password(tmp_path, "a@x.ru", "--remove").returncode == 0
    assert (folder / "users.htpasswd").read_text().splitlines() == [first[0]]
    assert _password(tmp_path, "--list").stdout.split() == ["ba@x.ru"]


def test_29_nginx_asks_for_a_password_in_russian_and_refuses_a_wrong_one(passwords_server):
    url, cert = passwords_server["url"], str(passwords_server["cert"])
    anonymous = requests.get(f"{url}/", verify=cert, timeout=5)
    assert anonymous.status_code == 401 and "Basic" in anonymous.headers["WWW-Authenticate"]
    anonymous.encoding = "utf-8"
    assert "войдите" in anonymous.text
    assert requests.get(f"{url}/", verify=cert, timeout=5, auth=(ADMIN, "Nevernyy-parol")).status_code == 401
    assert requests.get(f"{url}/", verify=cert, timeout=5, auth=(ADMIN, PASSWORDS[ADMIN])).status_code == 200
    assert requests.get(f"{url}/_stcore/health", verify=cert, timeout=5).text == "ok"  # monitoring has no password


def _signed_in(browser, url: str, email: str):
    context = browser.new_context(ignore_https_errors=True, locale="ru-RU", viewport={"width": 1400, "height": 900},
                                  http_credentials={"username": email, "password": PASSWORDS[email]})
    page = context.new_page()
    page.goto(url)
    return context, page


def test_29_two_roles_sign_in_by_their_own_passwords_and_see_what_their_role_allows(passwords_server, chromium):
    url = passwords_server["url"]
    admin, page = _signed_in(chromium, url, ADMIN)
    try:
        page.wait_for_selector("[data-testid='stSidebarNav']", timeout=60_000)
        nav = page.get_by_test_id("stSidebarNav").inner_text()
        assert "Журнал изменений" in nav and "Задания по расписанию" in nav
        page.get_by_text("Чтобы выйти, закройте все окна браузера").wait_for(timeout=30_000)
    finally:
        admin.close()
    viewer, page = _signed_in(chromium, url, VIEWER)
    try:
        page.wait_for_selector("[data-testid='stSidebarNav']", timeout=60_000)
        assert "Журнал изменений" not in page.get_by_test_id("stSidebarNav").inner_text()
        page.goto(f"{url}/journal")
        page.get_by_text("Эта страница открывается администратору").wait_for(timeout=60_000)
    finally:
        viewer.close()
    stranger, page = _signed_in(chromium, url, STRANGER)  # a password, but no line on «Пользователи»
    try:
        page.get_by_text(f"Адреса {STRANGER} нет на листе «Пользователи»").wait_for(timeout=60_000)
    finally:
        stranger.close()


def test_29_the_app_reached_around_nginx_believes_no_name(passwords_server, chromium):
    """A program on the server itself that opens Streamlit's port directly, naming itself administrator."""
    context = chromium.new_context(locale="ru-RU", extra_http_headers={"X-EduDesk-User": ADMIN})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{passwords_server['app_port']}/")
        page.get_by_text("не через nginx").wait_for(timeout=60_000)
        assert not page.get_by_test_id("stSidebarNav").count()
    finally:
        context.close()


def _render(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "deploy" / "install.sh"), "--render-only", "--root", str(root),
                           "--admin", "admin@oiro.example.ru", "--app", str(ROOT), *args], capture_output=True, text=True)


def test_29_an_upgrade_keeps_the_password_sign_in_and_its_secret(tmp_path):
    assert _render(tmp_path, "--local-sign-in").returncode == 0
    etc = tmp_path / "etc" / "edudesk"
    secrets, conf = (etc / "secrets.toml").read_text(), (etc / "nginx-sign-in.conf").read_text()
    secret = tomllib.loads(secrets)["proxy_sign_in"]["secret"]
    assert len(secret) == 64 and f'X-EduDesk-Proxy-Secret "{secret}"' in conf and oct(etc.joinpath(
        "nginx-sign-in.conf").stat().st_mode)[-3:] == "600"
    # nginx's workers pass through /etc/edudesk to the password file (a real install made it 0750: 500 on sign-in)
    assert oct(etc.stat().st_mode)[-3:] == "751" and oct((etc / "users.htpasswd").stat().st_mode)[-3:] == "640"
    for again in (("--local-sign-in",), ()):  # the upgrade, with the flag and without it
        assert _render(tmp_path, *again).returncode == 0
        assert (etc / "secrets.toml").read_text() == secrets and (etc / "nginx-sign-in.conf").read_text() == conf
        site = (tmp_path / "etc" / "nginx" / "sites-available" / "edudesk.conf").read_text()
        assert f"include {etc}/nginx-sign-in.conf;" in site
    both = _render(tmp_path / "both", "--local-sign-in", "--oidc-metadata", "https://id/.well-known/x")
    assert both.returncode == 1 and "выберите один способ входа" in both.stderr
    plain = _render(tmp_path / "plain")
    site = (tmp_path / "plain" / "etc" / "nginx" / "sites-available" / "edudesk.conf").read_text()
    assert plain.returncode == 0 and "auth_basic" not in site and "nginx-sign-in.conf" not in site

"""Issue #29: the server arrangement as deploy/install.sh lays it out — nginx with TLS in front (Debian's nginx,
the certificate install.sh makes), the app on 127.0.0.1 only and the jobs process started from the systemd units it
writes, a real OpenID Connect provider run locally (oidc-provider-mock) — signed into in Debian's chromium as two
roles over HTTPS."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import requests

from bench.serve import free_port
from tests.e2e.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
USERS = [{"sub": "admin", "email": "admin@oiro.example.ru", "email_verified": True},
         {"sub": "viewer", "email": "viewer@oiro.example.ru", "email_verified": True}]


def _unit(path: Path) -> tuple[list[str], dict[str, str], Path]:
    """ExecStart, the environment of EnvironmentFile and WorkingDirectory of a systemd unit install.sh wrote."""
    fields = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
    env = dict(line.split("=", 1) for line in Path(fields["EnvironmentFile"]).read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#"))
    env.update(line.split("=", 1)[1].split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
               if line.startswith("Environment="))  # as systemd sets it (PYTHONMALLOC for the pages)
    return fields["ExecStart"].split(), env, Path(fields["WorkingDirectory"])


@contextmanager
def _process(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT, log: Path | None = None):
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()


def _wait(url: str, verify, seconds: float = 90, until_ok: bool = False) -> requests.Response:
    """The first answer (or, `until_ok`, the first 200: nginx answers 502 while the app behind it still starts, which
    on a loaded machine takes longer than nginx)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = requests.get(url, verify=verify, timeout=2, allow_redirects=False)
            if not until_ok or answer.status_code == 200 or time.monotonic() > deadline:
                return answer
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


# Debian's nginx.conf runs the workers as www-data: what may read the password file (as root; as anyone else, nginx
# stays who it is and says so)
_AS_DEBIAN = "user www-data;" if os.getuid() == 0 else ""


@contextmanager
def server(demo_workbook, root: Path, *sign_in: str, provider: int | None = None):
    """The arrangement install.sh lays out under `root`, started from its own files: nginx, the app and the jobs
    process from their units (and the OIDC provider on `provider`, when given)."""
    if not Path(CHROMIUM).exists() or not Path(NGINX).exists():
        pytest.skip("нет chromium или nginx: их ставит make test (tools/ensure_debian.sh)")
    https, http, app = (free_port() for _ in range(3))
    if _AS_DEBIAN:  # pytest's folders are 0700: www-data must pass through them to the password file, as to /etc
        for folder in (root, *root.parents[:3]):
            folder.chmod(folder.stat().st_mode | 0o011)
    subprocess.run(["bash", str(ROOT / "deploy" / "install.sh"), "--render-only", "--root", str(root),
                    "--domain", "localhost", "--admin", "admin@oiro.example.ru", "--https-port", str(https),
                    "--http-port", str(http), "--app-port", str(app), "--prefix", str(root / "opt"), "--app", str(ROOT),
                    "--venv", str(Path(sys.executable).parent.parent), *sign_in], check=True, capture_output=True)
    data = root / "var" / "lib" / "edudesk"
    shutil.copy(demo_workbook, data / "edudesk.xlsx")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / "nginx" / folder).mkdir(parents=True)
    temp = " ".join(f"{kind}_temp_path {root / 'nginx' / kind};" for kind in ("fastcgi", "uwsgi", "scgi", "proxy"))
    main_conf = root / "nginx.conf"  # what Debian's /etc/nginx/nginx.conf gives the site: here, in the test's folder
    main_conf.write_text(f"{_AS_DEBIAN}daemon off; worker_processes 1; pid {root}/nginx.pid; error_log {root}/nginx-error.log;\n"
                         f"events {{}}\nhttp {{ access_log off; client_body_temp_path {root}/nginx/body; {temp}\n"
                         f"include {root}/etc/nginx/sites-available/edudesk.conf; }}\n", encoding="utf-8")
    claims = [arg for user in USERS for arg in ("--user-claims", json.dumps(user))]
    web, web_env, web_dir = _unit(root / "etc" / "systemd" / "system" / "edudesk-web.service")
    jobs, jobs_env, jobs_dir = _unit(root / "etc" / "systemd" / "system" / "edudesk-jobs.service")
    jobs_env["EDUDESK_BACKUP_AT"] = "00:00"  # today's copy is due whenever the test runs (02:00 is not, before 2)
    cert = root / "etc" / "edudesk" / "tls" / "edudesk.crt"
    with ExitStack() as stack:
        if provider:
            stack.enter_context(_process([sys.executable, "-m", "oidc_provider_mock", "--port", str(provider), *claims]))
        stack.enter_context(_process([NGINX, "-c", str(main_conf), "-p", str(root)], log=root / "nginx.log"))
        stack.enter_context(_process(web, web_env, web_dir, log=root / "web.log"))
        stack.enter_context(_process(jobs, jobs_env, jobs_dir, log=root / "jobs.log"))
        if provider:
            _wait(f"http://127.0.0.1:{provider}/.well-known/openid-configuration", True)
        health = _wait(f"https://localhost:{https}/_stcore/health", str(cert), seconds=180, until_ok=True)
        assert health.status_code == 200, (root / "web.log").read_text(errors="replace")[-2000:]
        yield {"url": f"https://localhost:{https}", "http": f"http://localhost:{http}", "root": root, "cert": cert,
               "app_port": app, "data": data}


@pytest.fixture(scope="module")
def arrangement(demo_workbook, tmp_path_factory):
    provider = free_port()
    with server(demo_workbook, tmp_path_factory.mktemp("server"), "--oidc-metadata",
                f"http://127.0.0.1:{provider}/.well-known/openid-configuration", "--oidc-client-id", "edudesk",
                "--oidc-client-secret", "s3cret", provider=provider) as running:
        yield running


def _signed_in(browser, url: str, who: str):
    context = browser.new_context(ignore_https_errors=True, locale="ru-RU", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Войти").click(timeout=60_000)
    page.get_by_role("button", name=who, exact=True).click(timeout=30_000)  # the provider's predefined user
    page.wait_for_url(f"{url}/**", timeout=60_000)
    page.wait_for_selector("[data-testid='stSidebarNav']", timeout=60_000)
    return context, page


def test_29_https_in_front_the_app_on_loopback_only_and_http_sent_to_https(arrangement):
    assert requests.get(f"{arrangement['url']}/_stcore/health", verify=str(arrangement["cert"]), timeout=5).text == "ok"
    moved = requests.get(f"{arrangement['http']}/", allow_redirects=False, timeout=5)
    assert moved.status_code == 301 and moved.headers["Location"].startswith(arrangement["url"])
    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
    app_sockets = [line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(f":{arrangement['app_port']}")]
    assert app_sockets and all(s.startswith("127.0.0.1:") for s in app_sockets), app_sockets


def test_29_the_administrator_and_an_observer_sign_in_and_see_what_their_role_allows(arrangement, chromium):
    admin, page = _signed_in(chromium, arrangement["url"], "admin")
    try:
        nav = page.get_by_test_id("stSidebarNav").inner_text()
        assert "Журнал изменений" in nav and "Задания по расписанию" in nav
        page.goto(f"{arrangement['url']}/jobs")
        page.get_by_text("Задания по расписанию").first.wait_for(timeout=60_000)
    finally:
        admin.close()
    viewer, page = _signed_in(chromium, arrangement["url"], "viewer")
    try:
        nav = page.get_by_test_id("stSidebarNav").inner_text()
        assert "Журнал изменений" not in nav and "Задания по расписанию" not in nav
        page.goto(f"{arrangement['url']}/journal")
        page.get_by_text("Эта страница открывается администратору").wait_for(timeout=60_000)
    finally:
        viewer.close()


def test_29_the_jobs_process_from_its_unit_runs_what_is_due(arrangement):
    """Started from edudesk-jobs.service as written: within a minute it has looked at the clock and made today's
    copy of the workbook (its slot has passed)."""
    state = arrangement["data"] / "jobs.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((arrangement["data"] / "backups" / "daily").glob("*.xlsx")):
        time.sleep(1)
    assert list((arrangement["data"] / "backups" / "daily").glob("edudesk-*.xlsx")), \
        (arrangement["root"] / "jobs.log").read_text(errors="replace")[-2000:]
    runs = json.loads(state.read_text(encoding="utf-8"))
    assert runs["heartbeat"] and runs["jobs"]["backup"]["outcome"] == "выполнено"

"""Faults: Google Sheets answering 429 for 30 seconds — the app shows the last good data with a banner and recovers."""

import json
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from streamlit.testing.v1 import AppTest

from core.setup import initialize
from tests.conftest import TODAY, gsheets_store
from tests.sheets_emulator import SheetsEmulator

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _secrets(path: Path, emulator) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    account = {"type": "service_account", "project_id": "p", "private_key_id": "1", "private_key": pem,
               "client_email": "edudesk@p.iam.gserviceaccount.com", "client_id": "1", "token_uri": f"{emulator.url}/token"}
    path.write_text(f'[gsheets]\nspreadsheet_key = "{emulator.key}"\n[gsheets.service_account]\n'
                    + "".join(f"{k} = {json.dumps(v)}\n" for k, v in account.items()), encoding="utf-8")
    return path



def _banner(at) -> list[str]:
    return [w.value for w in at.warning if "недоступна" in w.value]


def test_429_for_30_seconds_shows_last_data_and_recovers(emulator, tmp_path, monkeypatch):
    """During 30 s of 429 answers the pages show the last good data with a banner; afterwards they recover unaided."""
    initialize(gsheets_store(emulator), demo=True, today=TODAY)  # the demo workbook, written through the Sheets API
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(_secrets(tmp_path / "secrets.toml", emulator)))
    monkeypatch.setenv("EDUDESK_SHEETS_API_BASE", emulator.url)
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(tmp_path / "unused.xlsx"))
    monkeypatch.setenv("EDUDESK_CACHE_TTL_SECONDS", "1")
    monkeypatch.setenv("EDUDESK_RETRY_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("EDUDESK_RETRY_BASE_DELAY", "0.01")
    monkeypatch.setenv("EDUDESK_TODAY", TODAY.isoformat())
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not _banner(at)
    errors_before = {m.label: m.value for m in at.metric}["Ошибок в данных"]

    emulator.fail_for(30)
    started = time.monotonic()
    time.sleep(1.1)  # the cache window passes: the next run asks Google again
    at.run()
    banner = _banner(at)
    assert banner and "Данные на" in banner[0]
    assert {m.label: m.value for m in at.metric}["Ошибок в данных"] == errors_before  # last good data shown

    emulator.pass_time(30.5 - (time.monotonic() - started))  # the outage's 30 s gone by, on the emulator's clock
    time.sleep(1.1)  # and the cache window of the last (failed) read
    at.run()
    assert not at.exception and not _banner(at)  # recovered by itself, no click needed
    assert emulator.count("values_batch_get") >= 3


def test_a_write_refused_under_429_says_on_the_page_that_nothing_was_saved(emulator, tmp_path, monkeypatch):
    """Marking a service step while Google answers 429 to writes: the page says the change was NOT saved."""
    initialize(gsheets_store(emulator), demo=True, today=TODAY)
    monkeypatch.setenv("EDUDESK_SECRETS_FILE", str(_secrets(tmp_path / "secrets.toml", emulator)))
    monkeypatch.setenv("EDUDESK_SHEETS_API_BASE", emulator.url)
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(tmp_path / "unused.xlsx"))
    monkeypatch.setenv("EDUDESK_RETRY_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("EDUDESK_RETRY_BASE_DELAY", "0.01")
    monkeypatch.setenv("EDUDESK_TODAY", TODAY.isoformat())
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2026-002").run()
    steps_before = len(emulator.grid("ПОУ_этапы"))
    emulator.fail_for(60, status=429, kinds=SheetsEmulator.WRITES)
    at.selectbox(key="card_step").set_value("5.3.1")
    at.button(key="FormSubmitter:mark_step-Отметить").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "НЕ сохранено" in errors and "Показаны последние" not in errors
    assert not at.success and len(emulator.grid("ПОУ_этапы")) == steps_before

"""Google Sheets specifics, proven with the real gspread client against the local emulator: requests and formats."""

import json
import tomllib
from datetime import date
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.platform.config import Settings
from core.platform.errors import StoreUnavailable
from core.store import find_row, open_store
from core.store.gsheets import GSheetsStore
from tests.conftest import LAYOUT, gsheets_store


@pytest.fixture
def ready(emulator):
    store = gsheets_store(emulator)
    store.create_tabs([LAYOUT, LAYOUT.__class__("Второй", ["Код"])])
    store.append("Лист", [{"Код": f"K{i}", "Название": "альфа"} for i in range(5)])
    emulator.reset_counts()
    return emulator, store


def test_page_read_is_one_request_cold_and_zero_warm(ready):
    """All tabs a page needs come in one values:batchGet (columns of text only: nothing more to ask); the second
    read costs nothing."""
    emulator, store = ready
    store.invalidate()
    store.read(["Лист", "Второй"])
    assert emulator.requests == [("GET", "values_batch_get")]
    store.read(["Лист", "Второй"])
    assert emulator.count() == 1


def test_list_of_tabs_is_fetched_once(emulator):
    """The list of tabs is asked for once, however many reads follow."""
    emulator.add_sheet("Лист", [["Код"], ["A"]])
    store = gsheets_store(emulator, ttl=0)
    for _ in range(3):
        store.read(["Лист"])
    assert emulator.count("metadata") == 1 and emulator.count("values_batch_get") == 3


def test_append_of_100_rows_is_a_header_check_and_one_write(ready):
    """100 rows go in one batchUpdate after one read of the header row; text stays text."""
    emulator, store = ready
    store.read(["Лист"])
    emulator.reset_counts()
    store.append("Лист", [{"Код": f"N{i}", "Название": "=1+1"} for i in range(100)])
    assert emulator.requests == [("GET", "grid_get"), ("POST", "batch_update")]
    assert len(emulator.grid("Лист")) == 1 + 5 + 100
    assert emulator.value("Лист", 7, 2) == "=1+1" and emulator.shown("Лист", 7, 2) == "=1+1"


def test_update_is_a_checked_read_then_one_write(ready):
    """An update pins and re-reads the header and the row (one request) and writes the changed cell (one)."""
    emulator, store = ready
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K2")
    emulator.reset_counts()
    store.update(snapshot, "Код", {"Название": "=СУММ(A1:A2)"})
    # the pins and the row read back in one request, then the guarded write (#26)
    assert emulator.requests == [("POST", "batch_update"), ("POST", "batch_update")]
    assert emulator.value("Лист", 4, 2) == "=СУММ(A1:A2)"


def test_values_are_written_typed(ready):
    """A date goes in as a date with a date format, a sum as a number, text as text; staff can sort and filter."""
    emulator, store = ready
    store.append("Лист", [{"Код": "007", "Дата": date(2026, 3, 1), "Сумма": Decimal("1234.50")}])
    assert emulator.value("Лист", 7, 1) == "007"
    assert emulator.value("Лист", 7, 3) == 46082 and emulator.number_format("Лист", 7, 3)["type"] == "DATE"
    assert emulator.shown("Лист", 7, 3) == "01.03.2026"
    assert emulator.value("Лист", 7, 4) == 1234.5 and emulator.shown("Лист", 7, 4) == "1234,5"


def test_update_keeps_the_format_staff_gave_a_number_cell(ready):
    """Writing a number into a cell formatted as rubles keeps the rubles; only a date brings its own format."""
    emulator, store = ready
    emulator.set_cell("Лист", 2, 4, 100, number_format={"type": "CURRENCY", "pattern": '#,##0.00 "₽"'})
    snapshot = find_row(store.read(["Лист"]).tabs["Лист"], "Код", "K0")
    store.update(snapshot, "Код", {"Сумма": Decimal("1234.5")})
    assert emulator.shown("Лист", 2, 4) == "1\u00a0234,50 ₽"


def test_burst_of_429_on_a_read_is_retried_then_succeeds(ready):
    """Three 429 answers in a row are retried with backoff and the read succeeds."""
    emulator, store = ready
    store.invalidate(["Лист"])
    emulator.fail_next(3, status=429)
    result = store.read(["Лист"])
    assert len(result.tabs["Лист"].rows) == 5 and not result.stale
    assert emulator.count("values_batch_get") == 4


def test_5xx_on_a_read_is_retried_too(ready):
    """A 503 is retried like a 429."""
    emulator, store = ready
    store.invalidate(["Лист"])
    emulator.fail_next(2, status=503)
    assert len(store.read(["Лист"]).tabs["Лист"].rows) == 5


def test_retries_are_bounded_and_last_good_data_is_served(emulator):
    """When Google keeps failing, the read gives up after max attempts and serves the last data, marked stale."""
    emulator.add_sheet("Лист", [["Код"], ["A"]])
    store = gsheets_store(emulator, ttl=0)
    store.read(["Лист"])
    emulator.fail_for(60)
    emulator.reset_counts()
    result = store.read(["Лист"])
    assert result.stale and "недоступна" in result.problem and "Показаны последние" in result.problem
    assert result.tabs["Лист"].rows == [["A"]]
    assert emulator.count("values_batch_get") == 5  # FAST_RETRY.max_attempts


def test_unreachable_without_earlier_data_says_so(emulator):
    """With no earlier data, an unreachable sheet raises a Russian StoreUnavailable."""
    emulator.add_sheet("Лист", [["Код"]])
    store = gsheets_store(emulator)
    store.tab_names()
    emulator.fail_for(60)
    with pytest.raises(StoreUnavailable, match="недоступна"):
        store.read(["Лист"])


def test_create_tabs_is_one_request_with_frozen_bold_headers_and_dropdowns(emulator):
    """New tabs come with a frozen header row, bold headers and a dropdown on enum columns, in one batchUpdate."""
    store = gsheets_store(emulator)
    store.create_tabs([LAYOUT, LAYOUT.__class__("Второй", ["Код"])])
    assert emulator.count("batch_update") == 1
    sheet = emulator.sheet("Лист")
    assert emulator.grid("Лист") == [LAYOUT.headers]
    assert sheet.frozen_rows == 1
    assert sheet.cell(0, 0).other_format == {"textFormat": {"bold": True}}
    assert [v["rule"]["condition"]["values"] for v in sheet.validations] == [
        [{"userEnteredValue": "альфа"}, {"userEnteredValue": "бета"}]]


def test_cell_url_opens_the_sheet_at_the_cell(emulator):
    """A finding's cell becomes a link to that cell in the Google Sheet."""
    emulator.add_sheet("Лист", [["Код"]])
    store = gsheets_store(emulator)
    store.tab_names()
    assert store.cell_url("Лист", "B7") == f"https://docs.google.com/spreadsheets/d/{emulator.key}/edit#gid=1000&range=B7"


def test_secrets_select_google_sheets_with_a_real_service_account_flow(emulator, tmp_path):
    """secrets.toml with [gsheets] opens the sheet: google-auth signs a JWT, gets a token, gspread reads."""
    emulator.add_sheet("Лист", [["Код"], ["A"]])
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    account = {"type": "service_account", "project_id": "p", "private_key_id": "1", "private_key": pem,
               "client_email": "edudesk@p.iam.gserviceaccount.com", "client_id": "1",
               "token_uri": f"{emulator.url}/token"}
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[gsheets]\nspreadsheet_key = "{emulator.key}"\n[gsheets.service_account]\n'
                       + "".join(f"{k} = {json.dumps(v)}\n" for k, v in account.items()), encoding="utf-8")
    assert tomllib.loads(secrets.read_text())["gsheets"]["service_account"]["private_key"] == pem
    store = open_store(Settings(secrets_file=secrets, sheets_api_base=emulator.url, retry_base_delay=0.001))
    assert isinstance(store, GSheetsStore)
    assert store.read(["Лист"]).tabs["Лист"].rows == [["A"]]
    assert emulator.count("token") == 1

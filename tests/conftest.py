"""Shared fixtures: real stores (a workbook in tmp_path, gspread against the local Sheets emulator)."""

from __future__ import annotations

import functools
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import requests
from streamlit.components.v2 import manifest_scanner

from core import areas
from core.store.base import TabLayout
from core.store.gsheets import GSheetsStore, RetryPolicy
from core.store.xlsx import XlsxStore
from tests.sheets_emulator import SheetsEmulator

areas.load()  # every area's rules and numberings, as the app and the CLI load them

# Every AppTest scans the metadata of all ~400 installed distributions for Streamlit components (0.3 s each time, a few
# hundred AppTests in a run). What is installed does not change during a run: scanned once per worker, the same answer.
manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=1)(manifest_scanner.scan_component_manifests)

FAST_RETRY = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.005)
TODAY = date(2026, 11, 23)
LAYOUT = TabLayout("Лист", ["Код", "Название", "Дата", "Сумма"], {"Название": ["альфа", "бета"]})


@pytest.fixture(autouse=True)
def page_errors_raise(monkeypatch):
    """Pages under test let an unforeseen error through (AppTest records it), instead of the Russian notice."""
    monkeypatch.setenv("EDUDESK_SHOW_ERRORS", "1")


@pytest.fixture(autouse=True)
def command_line_user(monkeypatch):
    """The command line runs as the demo's administrator unless a test says otherwise (the OS login here is root)."""
    monkeypatch.setenv("EDUDESK_USER", "admin@oiro.example.ru")


@pytest.fixture(autouse=True)
def mail_outbox(monkeypatch, tmp_path):
    """Marks of letters sent but not recorded are kept per test, never in the project's data/."""
    path = tmp_path / "outbox" / "рассылки_не_записаны.json"
    monkeypatch.setenv("EDUDESK_MAIL_OUTBOX", str(path))
    return path


@pytest.fixture(autouse=True)
def no_google_side_lookups(monkeypatch):
    """google-auth looks up a service account's «allowed locations» at Google in the background; tests stay local."""
    from google.auth import _regional_access_boundary_utils as rab

    monkeypatch.setattr(rab._RegionalAccessBoundaryManager, "maybe_start_refresh", lambda self, *a, **k: None)


@pytest.fixture
def emulator():
    server = SheetsEmulator().start()
    yield server
    server.stop()


def gsheets_store(emulator: SheetsEmulator, ttl: float = 60.0) -> GSheetsStore:
    return GSheetsStore(emulator.key, session=requests.Session(), api_base=emulator.url, policy=FAST_RETRY,
                        cache_ttl=ttl)


class XlsxColleague:
    """A colleague editing the local workbook by hand (as Excel would, saving the file)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def set_cell(self, tab: str, row: int, col: int, value, number_format: str | None = None) -> None:
        book = openpyxl.load_workbook(self.path)
        cell = book[tab].cell(row=row, column=col, value=value)
        if number_format:
            cell.number_format = number_format
        book.save(self.path)

    def insert_row(self, tab: str, before: int, values: list) -> None:
        book = openpyxl.load_workbook(self.path)
        book[tab].insert_rows(before)
        for col, value in enumerate(values, start=1):
            book[tab].cell(row=before, column=col, value=value)
        book.save(self.path)

    def cell(self, tab: str, row: int, col: int):
        return openpyxl.load_workbook(self.path)[tab].cell(row=row, column=col).value


class SheetsColleague:
    def __init__(self, emulator: SheetsEmulator) -> None:
        self.emulator = emulator

    def set_cell(self, tab, row, col, value, number_format: str | None = None):
        kind = "PERCENT" if number_format and "%" in number_format else "NUMBER"
        self.emulator.set_cell(tab, row, col, value,
                               number_format={"type": kind, "pattern": number_format} if number_format else None)

    def insert_row(self, tab, before, values):
        self.emulator.insert_row(tab, before, values)

    def cell(self, tab, row, col):
        value = self.emulator.cell(tab, row, col)
        return None if value == "" else value


def _both_stores(request, tmp_path, tabs):
    if request.param == "xlsx":
        path = tmp_path / "edudesk.xlsx"
        store = XlsxStore(path)
        store.create_tabs(tabs)
        yield store, XlsxColleague(path)
    else:
        server = SheetsEmulator().start()
        store = gsheets_store(server)
        store.create_tabs(tabs)
        yield store, SheetsColleague(server)
        server.stop()


@pytest.fixture(params=["xlsx", "gsheets"])
def store_and_colleague(request, tmp_path):
    """Each contract test runs once on the local workbook and once on Google Sheets (emulated)."""
    yield from _both_stores(request, tmp_path, [LAYOUT])


@pytest.fixture(params=["xlsx", "gsheets"])
def app_store_and_colleague(request, tmp_path):
    """Both stores with the app's own tabs (the sheet model), for behaviour that follows the columns' types."""
    from core.records.tabs import layouts

    yield from _both_stores(request, tmp_path, layouts())


@pytest.fixture
def workbook_copy(demo_workbook, tmp_path):
    """A copy of the demo workbook this test may write to."""
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    return path


def all_tabs(path):
    """Every tab of the sheet model as the local store reads it now."""
    from sheets_schema import TABS

    return XlsxStore(path).read([t.name for t in TABS]).tabs


@pytest.fixture(scope="session")
def demo_workbook(tmp_path_factory) -> Path:
    """A demo workbook made once per test run by the real init code."""
    from core.setup import initialize

    path = tmp_path_factory.mktemp("demo") / "edudesk.xlsx"
    initialize(XlsxStore(path), demo=True, today=TODAY)
    return path

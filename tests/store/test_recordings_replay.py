"""The emulator against real Google traffic: every recorded Sheets request, replayed, gets Google's answer.

The recordings (tests/data/recordings/sheets-api, made by the gspread project against the real API) are the
judge: where the emulator and a recording disagree, the emulator is wrong. Drive calls (creating and deleting
the test spreadsheet) are not part of the Sheets API; the replay creates and deletes the spreadsheet itself.
"""

from __future__ import annotations

import json

import pytest
import requests

from tests.recordings import IdMap, caller_email, cassettes, differences, interactions
from tests.sheets_emulator import SheetsEmulator

# The spreadsheet gspread's test opens to be refused: it exists, but is not shared with the recording account.
NOT_SHARED = {"1jIKzPs8LsiZZdLdeMEP-5ZIHw6RkjiOmj1LrJN706Yc"}


@pytest.fixture
def server():
    emulator = SheetsEmulator().start()
    yield emulator
    emulator.stop()


def replay(emulator: SheetsEmulator, cassette) -> tuple[int, list[str]]:
    """Send each recorded Sheets request to the emulator; return how many were compared and every difference."""
    items = cassette.items if hasattr(cassette, "items") else list(interactions(cassette))
    emulator.api.caller = (caller_email(cassette) if not hasattr(cassette, "items") else None) or emulator.api.caller
    emulator.api.not_shared = set(NOT_SHARED)
    ids, compared, problems = IdMap(), 0, []
    for n, item in enumerate(items):
        if item.is_drive:
            if item.method == "POST":
                emulator.api.create(item.answer["id"], item.answer["name"], locale="en_US")
            elif item.method == "DELETE":
                emulator.api.books.pop(item.uri.split("/files/")[1].split("?")[0], None)
            continue
        body = ids.translate(item.body)
        answer = requests.request(item.method, emulator.url + item.path_and_query,
                                  data=json.dumps(body) if body is not None else None,
                                  headers={"Content-Type": "application/json"} if body is not None else {},
                                  timeout=10)
        got = answer.json() if answer.content else None
        ids.learn(item.answer, got)
        compared += 1
        where = f"#{n} {item.method} {item.path_and_query[:90]}"
        if answer.status_code != item.status:
            problems.append(f"{where}: status {item.status} != {answer.status_code}")
        problems += [f"{where} {d}" for d in differences(item.answer, ids.normalized(got))]
    return compared, problems


@pytest.mark.parametrize("cassette", cassettes(), ids=lambda p: p.stem)
def test_emulator_answers_every_recorded_request_as_google_did(server, cassette):
    """Status and JSON body of each answer equal Google's (ids Google picks at random are matched up)."""
    compared, problems = replay(server, cassette)
    assert compared > 0
    assert problems == []


def test_replay_would_catch_a_wrong_answer(server):
    """The comparison can fail: an emulator that renders dates as text under SERIAL_NUMBER is caught."""
    from tests.sheets_emulator import values

    original = values.unformatted
    values.unformatted = lambda cell, option, locale, now=None: values.formatted(cell, locale) \
        if cell.number_format else original(cell, option, locale, now)
    try:
        cassette = next(c for c in cassettes() if "date_time_render_options" in c.name)
        _, problems = replay(server, cassette)
    finally:
        values.unformatted = original
    assert any("43831" in p for p in problems)


def _whole_sheet_reads(cassette) -> dict[tuple[str, str], list[list]]:
    """The last answer of each render option to a read of all of Sheet1, as Google gave it."""
    from urllib.parse import parse_qs, unquote, urlsplit

    reads = {}
    for item in interactions(cassette):
        split = urlsplit(item.uri)
        if item.method == "GET" and unquote(split.path).endswith("/values/'Sheet1'"):
            query = parse_qs(split.query)
            option = (query.get("valueRenderOption", ["FORMATTED_VALUE"])[0],
                      query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0])
            if option[0] != "FORMULA":  # formulas as written: nothing the store reads
                reads[option] = item.answer.get("values", [])
    return reads


TYPED = [c for c in cassettes() if _whole_sheet_reads(c)]


@pytest.mark.parametrize("cassette", TYPED, ids=lambda p: p.stem)
def test_store_reads_each_cell_as_google_rendered_it(server, cassette):
    """Through the store's own read, a text column gets Google's FORMATTED_VALUE, a number column its
    UNFORMATTED_VALUE, a date column the day of its SERIAL_NUMBER — cell by cell, for every recorded sheet."""
    from datetime import date, timedelta
    from decimal import Decimal

    from core.store.typed import resolve
    from tests.conftest import gsheets_store

    items = [i for i in interactions(cassette) if not (i.is_drive and i.method == "DELETE")]
    key = [i for i in items if i.is_drive and i.method == "POST"][-1].answer["id"]
    replay(server, _Only(items))
    store = gsheets_store(server)
    store.key = key
    grid = store.grids(["'Sheet1'"])["Sheet1"]
    checked = 0
    for (value_option, date_option), rows in _whole_sheet_reads(cassette).items():
        for r, row in enumerate(rows):
            for c, google in enumerate(row):
                cell = grid[r][c] if r < len(grid) and c < len(grid[r]) else ""
                if value_option == "FORMATTED_VALUE" or (date_option == "FORMATTED_STRING" and isinstance(google, str)):
                    assert ("" if cell == "" else str(resolve(cell, str))) == google, (r, c)
                elif isinstance(google, bool) or isinstance(google, str):
                    assert cell == google, (r, c)
                elif isinstance(resolve(cell, date), date):
                    assert resolve(cell, date) == date(1899, 12, 30) + timedelta(days=google), (r, c)
                else:
                    assert Decimal(repr(resolve(cell, Decimal))) == Decimal(repr(google)), (r, c)
                checked += 1
    assert checked > 0


class _Only:
    """A cassette narrowed to some of its interactions (replay takes a path; this stands in for one)."""

    def __init__(self, items) -> None:
        self.items = items
        self.name = "narrowed"

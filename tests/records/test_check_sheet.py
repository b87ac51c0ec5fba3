"""«Проверка»: the findings written into the staff's own workbook (fast writer) and Google Sheet (emulator).

Every link must lead to its finding's cell, first-seen dates must survive a rerun, a run with nothing new must
write nothing, and no other tab may change: byte for byte in the .xlsx, cell for cell in Google Sheets.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from core.cli import main
from core.records.check_sheet import HEADERS, TAB, build, finding_key, previous, publish
from core.records.checks import open_workbook, run_all
from core.records.findings import Finding, Severity
from core.setup import initialize
from core.store import XlsxStore
from sheets_schema import TABS
from tests.conftest import TODAY, gsheets_store
from tests.corpus import raw_members

MONDAY = datetime(2026, 11, 23, 9, 0)
TUESDAY = datetime(2026, 11, 24, 9, 0)
HAS_OFFICE = shutil.which("soffice") is not None
COLUMN = {h: i for i, h in enumerate(HEADERS)}


@pytest.fixture
def demo(demo_workbook, tmp_path) -> Path:
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    return path


def _findings(store) -> list[Finding]:
    return run_all(store.read([t.name for t in TABS]).tabs, today=TODAY)


def _sheet_part(path: Path, name: str) -> str:
    """The part that holds a tab, found as Excel finds it: workbook.xml → its relationship."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(name)}"[^>]*r:id="([^"]+)"', book).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def _xlsx_rows(path: Path) -> list[tuple[list, str | None]]:
    """The finding rows of «Проверка» and the internal link each row's «Ячейка» holds."""
    sheet = openpyxl.load_workbook(path)[TAB]
    out = []
    for cells in sheet.iter_rows(min_row=3):
        link = cells[COLUMN["Ячейка"]].hyperlink
        out.append(([c.value for c in cells], link.location if link is not None else None))
    return out


def test_xlsx_every_link_leads_to_its_findings_cell(demo):
    store = XlsxStore(demo)
    findings = _findings(store)
    published = publish(store, TODAY, MONDAY)
    assert published.written and published.errors + published.warnings == len(findings) > 20
    rows = _xlsx_rows(demo)
    assert len(rows) == len(findings)
    linked = 0
    for (values, link), f in zip(rows, findings, strict=True):
        assert (values[COLUMN["Лист"]], values[COLUMN["Правило"]]) == (f.tab, f.rule)
        if f.cell:
            assert link.replace("$", "") == f"'{f.tab}'!{f.cell}" and values[COLUMN["Ячейка"]] == f.cell
            linked += 1
    assert linked > 20
    status = openpyxl.load_workbook(demo)[TAB]["A1"].value
    assert f"ошибок — {published.errors}" in status and "правки здесь пропадут" in status


def test_xlsx_other_parts_stay_byte_identical(demo):
    """The first run adds the tab (its part, and the workbook's list of parts); a rerun rewrites only its part."""
    before, entries = raw_members(demo), len(_journal(demo))
    publish(XlsxStore(demo), TODAY, MONDAY)
    after = raw_members(demo)
    own, journal = _sheet_part(demo, TAB), _sheet_part(demo, "Журнал")
    package = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docProps/app.xml",
               "xl/styles.xml", own, f"xl/worksheets/_rels/{own.rsplit('/', 1)[1]}.rels", journal}
    assert {n for n in after if before.get(n) != after[n]} <= package
    assert all(after[n] == before[n] for n in before if n.startswith("xl/worksheets/") and n not in (own, journal))
    assert [e["Действие"] for e in _journal(demo)[entries:]] == ["лист переписан проверкой"]  # #30 item 2

    book = openpyxl.load_workbook(demo)  # a colleague fixes one row by hand and saves: a new finding appears
    book["Заявки"]["E2"] = None
    book.save(demo)
    before, styles = raw_members(demo), _cell_styles(demo)
    assert publish(XlsxStore(demo), TODAY, TUESDAY).new == 1
    after = raw_members(demo)
    assert {n for n in after if before.get(n) != after[n]} <= {own, journal, "xl/styles.xml"}
    assert [e["Действие"] for e in _journal(demo)[entries:]] == ["лист переписан проверкой"] * 2
    assert _cell_styles(demo)[:len(styles)] == styles


def _journal(path: Path) -> list[dict]:
    return XlsxStore(path).read(["Журнал"]).tabs["Журнал"].as_dicts()


def _cell_styles(path: Path) -> list[str]:
    """The workbook's cell styles in order: the app may add its link style, never change one a cell uses."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/styles.xml").decode()
    return re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xml.split("<cellXfs", 1)[1].split("</cellXfs>", 1)[0])


def test_xlsx_first_seen_survives_a_rerun_and_new_findings_are_dated_today(demo):
    publish(XlsxStore(demo), TODAY, MONDAY)
    book = openpyxl.load_workbook(demo)
    book["Заявки"]["E2"] = None  # Фамилия emptied
    book.save(demo)
    published = publish(XlsxStore(demo), TODAY, TUESDAY)
    assert published.written and published.new == 1
    rows = [values for values, _ in _xlsx_rows(demo)]
    seen = {(r[COLUMN["Правило"]], r[COLUMN["Ячейка"]]): r[COLUMN["Впервые замечено"]].date() for r in rows}
    assert seen.pop(("GEN-REQUIRED", "E2")) == TUESDAY.date()
    assert set(seen.values()) == {MONDAY.date()}
    assert "новых — 1" in openpyxl.load_workbook(demo)[TAB]["A1"].value


def test_xlsx_nothing_changed_writes_nothing(demo):
    publish(XlsxStore(demo), TODAY, MONDAY)
    before, stat = demo.read_bytes(), demo.stat().st_mtime_ns
    published = publish(XlsxStore(demo), TODAY, TUESDAY)
    assert not published.written and published.new == 0
    assert demo.read_bytes() == before and demo.stat().st_mtime_ns == stat


def test_xlsx_a_fixed_finding_leaves_the_tab(demo):
    publish(XlsxStore(demo), TODAY, MONDAY)
    first = [v for v, _ in _xlsx_rows(demo)]
    gone = next(r for r in first if r[COLUMN["Правило"]] == "GEN-REF")
    book = openpyxl.load_workbook(demo)
    book["Заявки"][gone[COLUMN["Ячейка"]]] = "ПК-001"
    book.save(demo)
    assert publish(XlsxStore(demo), TODAY, TUESDAY).written
    keys = [v[COLUMN["Ключ находки"]] for v, _ in _xlsx_rows(demo)]
    assert gone[COLUMN["Ключ находки"]] not in keys and len(keys) == len(first) - 1


def test_edits_staff_make_on_the_tab_are_rewritten(demo):
    """The tab is the app's: a row a colleague typed there does not survive, and the findings come back whole."""
    publish(XlsxStore(demo), TODAY, MONDAY)
    book = openpyxl.load_workbook(demo)
    book[TAB]["G3"] = "исправлю завтра"
    book[TAB].append(["заметка"])
    book.save(demo)
    assert publish(XlsxStore(demo), TODAY, TUESDAY).written
    values = [v for v, _ in _xlsx_rows(demo)]
    assert "исправлю завтра" not in str(values) and all(v[COLUMN["Правило"]] for v in values)


@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice не установлен")
def test_libreoffice_opens_the_tab_with_working_links(demo, tmp_path):
    """LibreOffice, as staff would open the file, shows the tab and each link names the finding's cell."""
    store = XlsxStore(demo)
    findings = _findings(store)
    publish(store, TODAY, MONDAY)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "html", "--outdir", str(tmp_path / "html"), str(demo)], check=True, capture_output=True,
                   timeout=180)
    html = (tmp_path / "html" / "edudesk.html").read_text(errors="replace")
    # LibreOffice turns a location it resolved into its own syntax, 'Tab'.$C$9; one it could not, it leaves as is.
    found = re.findall(r"href=\"#'?([^'\"]+?)'?\.([$A-Z0-9]+)\"", html)
    links = [(tab, cell.replace("$", "")) for tab, cell in found]
    assert sorted(links) == sorted((f.tab, f.cell) for f in findings if f.cell)
    assert "Впервые замечено" in html


def test_google_sheet_tab_in_one_request_links_to_cells_other_tabs_untouched(emulator):
    store = gsheets_store(emulator)
    initialize(store, demo=True, today=TODAY)
    findings = _findings(store)
    others = {t.name: emulator.grid(t.name) for t in TABS}
    emulator.reset_counts()
    published = publish(store, TODAY, MONDAY)
    writes = [kind for _, kind in emulator.requests if kind not in ("grid_get", "metadata", "values_get", "values_batch_get")]
    assert published.written and writes == ["batch_update"]  # the tab and its journal entry in one request
    journal = emulator.grid("Журнал")
    assert {t.name: emulator.grid(t.name) for t in TABS if t.name != "Журнал"} == \
        {k: v for k, v in others.items() if k != "Журнал"}
    assert journal[:len(others["Журнал"])] == others["Журнал"] and len(journal) == len(others["Журнал"]) + 1
    assert journal[-1][4] == "лист переписан проверкой"

    book = store.client.open_by_key(emulator.key)
    ids = {s["properties"]["title"]: s["properties"]["sheetId"] for s in book.fetch_sheet_metadata()["sheets"]}
    answer = book.fetch_sheet_metadata(params={"includeGridData": "true", "ranges": f"'{TAB}'"})
    rows = answer["sheets"][0]["data"][0]["rowData"][2:]
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings, strict=True):
        cell = row["values"][COLUMN["Ячейка"]]
        if f.cell:
            assert cell["hyperlink"] == f"#gid={ids[f.tab]}&range={f.cell}"
            assert "formulaValue" not in cell["userEnteredValue"]  # a link is the cell's format, not a formula
        tab = row["values"][COLUMN["Лист"]]["userEnteredValue"]
        assert tab == {"stringValue": f.tab}
    first_seen = row["values"][COLUMN["Впервые замечено"]]
    assert "numberValue" in first_seen["userEnteredValue"]  # a date typed as a date


def test_google_sheet_rerun_with_nothing_new_sends_no_write_and_keeps_first_seen(emulator):
    store = gsheets_store(emulator)
    initialize(store, demo=True, today=TODAY)
    publish(store, TODAY, MONDAY)
    emulator.reset_counts()
    assert not publish(store, TODAY, TUESDAY).written
    assert emulator.count("batch_update") == 0 and emulator.count("values_update") == 0

    surname = emulator.column_of("Заявки", "Фамилия")
    emulator.set_cell("Заявки", 2, ord(surname) - 64, "")
    store.invalidate()
    published = publish(store, TODAY, TUESDAY)
    assert published.written and published.new == 1
    seen, _ = previous(store.read([TAB]).tabs[TAB])
    assert sorted(set(seen.values())) == [MONDAY.date(), TUESDAY.date()]
    assert [k for k, d in seen.items() if d == TUESDAY.date()] == ["GEN-REQUIRED|Заявки|З-0001|Фамилия"]


def test_personal_data_in_messages_is_masked_on_the_tab(demo):
    """Everyone who can open the sheet reads this tab: a birth date or СНИЛС quoted by a finding is hidden."""
    store = XlsxStore(demo)
    findings = _findings(store)
    personal = [f for f in findings if f.column in ("Дата рождения", "СНИЛС", "Телефон", "E-mail")]
    assert personal
    publish(store, TODAY, MONDAY)
    text = str([v for v, _ in _xlsx_rows(demo)])
    quoted = [q for f in personal for q in re.findall(r"«([^»]+)»", f.message) if q not in (f.column, f.tab)]
    assert quoted and all(q not in text for q in quoted)
    assert "31.02.1985" in str([f.message for f in personal])  # the demo's impossible birth date, hidden above


def test_finding_key_follows_the_row_key_not_its_number():
    workbook = open_workbook({}, TODAY)
    f = Finding("R", "п. 1", Severity.ERROR, "Заявки", 7, "Фамилия", "E7", "нет фамилии")
    assert finding_key(f, workbook.tabs.get("Заявки")) == "R|Заявки|стр. 7|Фамилия"
    sheet = build([f, f], workbook, {}, MONDAY)
    keys = [row[COLUMN["Ключ находки"]] for row in sheet.rows[2:]]
    assert keys == ["R|Заявки|стр. 7|Фамилия", "R|Заявки|стр. 7|Фамилия#2"]


def test_cli_to_sheet_twice_says_what_it_did(demo, capsys):
    assert main(["--workbook", str(demo), "check", "--to-sheet", "--today", "2026-11-23"]) == 1
    assert "обновлён" in capsys.readouterr().out
    main(["--workbook", str(demo), "check", "--to-sheet", "--today", "2026-11-23"])
    assert "не изменился" in capsys.readouterr().out


def test_cli_to_sheet_needs_a_user_who_may_write(demo, capsys, monkeypatch):
    monkeypatch.setenv("EDUDESK_USER", "viewer@oiro.example.ru")
    main(["--workbook", str(demo), "check", "--to-sheet"])
    assert TAB not in openpyxl.load_workbook(demo).sheetnames
    assert "Ошибка" in capsys.readouterr().err


def test_empty_workbook_gets_an_all_clear_line(tmp_path):
    path = tmp_path / "empty.xlsx"
    initialize(XlsxStore(path), demo=False, today=TODAY)
    assert publish(XlsxStore(path), TODAY, MONDAY).written
    sheet = openpyxl.load_workbook(path)[TAB]
    assert "ошибок не найдено" in sheet["A1"].value and sheet.max_row == 2
    assert date(2026, 11, 23) == MONDAY.date()

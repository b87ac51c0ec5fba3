"""Every real workbook in tests/data/workbooks, written by the app, stays exact — judged by LibreOffice.

Per file: `edudesk init`, an append and an update by key on «Заявки» and on the staff's first tab (when it has
a header row); then the values read back exactly (python-calamine), every part the app had no reason to touch
is byte-identical, a changed sheet differs only inside <sheetData>, and LibreOffice opens the result and shows
the values written. The files that are not workbooks are refused in Russian.
"""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from core.platform.a1 import cell as a1_cell
from core.platform.errors import EduDeskError, StoreError
from core.setup import initialize
from core.store import XlsxStore
from core.store.xlsx_package import Package
from tests.corpus import (
    APPLICATION,
    NOT_WORKBOOKS,
    STAFF_CHANGED,
    STAFF_KEY,
    Outcome,
    case_id,
    corpus,
    libreoffice_csv,
    made_once_per_run,
    members,
    raw_members,
    run_scenario,
)

CASES = [p for p in corpus() if p.name not in NOT_WORKBOOKS]
# python-calamine, the app's reader, can't open this one (a wrong CRC in a part): the app says so and writes nothing.
UNREADABLE = {"calamine/issue252.xlsx": "повреждён"}


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    return made_once_per_run(tmp_path_factory, "corpus", _corpus_run)


def _corpus_run(folder):
    outcomes: dict[str, Outcome] = {}
    for number, source in enumerate(CASES):
        target = folder / f"{number:02d}-{re.sub(r'[^A-Za-z0-9_]', '_', source.stem)}{source.suffix}"
        try:
            outcomes[case_id(source)] = run_scenario(source, target)
        except EduDeskError as exc:
            outcomes[case_id(source)] = Outcome(target, raw_members(target), members(target), refused=str(exc))
    written = [o.path for o in outcomes.values() if not o.refused]
    shown = libreoffice_csv(written, folder / "lo") if shutil.which("soffice") else None
    return outcomes, shown


@pytest.mark.parametrize("source", CASES, ids=case_id)
def test_real_workbook_stays_exact(corpus_run, source):
    """The app's rows read back to the letter; nothing else in the file changed."""
    outcomes, _ = corpus_run
    outcome = outcomes[case_id(source)]
    if case_id(source) in UNREADABLE:
        assert outcome.refused and UNREADABLE[case_id(source)] in outcome.refused
        assert raw_members(outcome.path) == outcome.before
        return
    assert outcome.refused is None, outcome.refused
    store = XlsxStore(outcome.path)
    row = dict(zip(*_first_row(store, "Заявки"), strict=True))
    assert {k: row[k] for k in APPLICATION} == APPLICATION and row["Статус"] == "проверена"
    if outcome.staff:
        sheet, key, text = outcome.staff
        tab = store.read([sheet]).tabs[sheet]
        written = [dict(zip(tab.headers, r, strict=True)) for r in tab.rows
                   if dict(zip(tab.headers, r, strict=True)).get(key) == STAFF_KEY]
        assert [r[text] for r in written] == [STAFF_CHANGED]
    _only_what_had_to_change(outcome)


def _first_row(store: XlsxStore, tab: str):
    data = store.read([tab]).tabs[tab]
    assert len(data.rows) == 1
    return data.headers, data.rows[0]


def _only_what_had_to_change(outcome: Outcome) -> None:
    before, after = outcome.before, raw_members(outcome.path)
    assert set(before) <= set(after), "a part went missing"
    package = Package.open(outcome.path)
    try:
        parts = dict(package.sheets())
        workbook = package.workbook
        allowed = {workbook, package.rels_part(workbook), "[Content_Types].xml",
                   *(r.target for r in package.rels(workbook) if r.kind == "styles")}
        if outcome.staff:
            staff_part = parts[outcome.staff[0]]
            allowed |= {staff_part, *(r.target for r in package.rels(staff_part) if r.kind == "table")}
    finally:
        package.close()
    old, new = outcome.content, members(outcome.path)
    for name in {n for n in before if before[n] != after[n]} - allowed:
        # another sheet may only have lost stored formula results (they are recalculated on opening)
        assert _without_results(old[name]) == _without_results(new[name]), f"{name} changed"
    if outcome.staff:
        outside = re.compile(rb"<(\w+:)?sheetData\b.*</(\w+:)?sheetData>|<(\w+:)?dimension\b[^>]*/>", re.S)
        assert outside.sub(b"", new[staff_part]) == outside.sub(b"", old[staff_part])
    names = re.compile(rb"<(?:\w+:)?definedNames\b.*?</(?:\w+:)?definedNames>", re.S)
    assert names.findall(old[workbook]) == names.findall(new[workbook])


def _without_results(xml: bytes) -> bytes:
    return re.sub(rb"(</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)<(?:\w+:)?v\b[^>]*>[^<]*</(?:\w+:)?v>", rb"\1",
                  re.sub(rb'\st="(?:str|e|b|n)"', b"", xml))


def _opened_by_libreoffice(corpus_run, source) -> Outcome | None:
    """The outcome LibreOffice showed (skipped without LibreOffice); None for a workbook the app rightly refused."""
    outcomes, shown = corpus_run
    if shown is None:
        pytest.skip("LibreOffice не установлен (make test ставит его через tools/ensure_debian.sh)")
    outcome = outcomes[case_id(source)]
    if outcome.refused:
        assert case_id(source) in UNREADABLE
        return None
    return outcome


@pytest.mark.parametrize("source", CASES, ids=case_id)
def test_libreoffice_opens_it_and_shows_what_was_written(corpus_run, source):
    """LibreOffice (headless, as a user's office) opens the result and shows the date as 15.03.2026."""
    outcome = _opened_by_libreoffice(corpus_run, source)
    if outcome is None:
        return
    sheets = corpus_run[1][outcome.path]
    assert "Заявки" in sheets, f"LibreOffice did not open {outcome.path.name}"
    header, row = sheets["Заявки"][0], sheets["Заявки"][1]
    values = dict(zip(header, row, strict=False))
    assert values["№ заявки"] == "З-0001" and values["Дата поступления"] == "15.03.2026"
    assert values["Причина"] == APPLICATION["Причина"].replace("\r\n", "\n") or "\r" in values["Причина"]
    assert values["Статус"] == "проверена"
    if outcome.staff:
        cells = [c for line in sheets[outcome.staff[0]] for c in line]
        assert STAFF_CHANGED in cells and STAFF_KEY in cells


@pytest.mark.parametrize("name", sorted(NOT_WORKBOOKS))
def test_files_that_are_not_workbooks_are_refused_in_russian(tmp_path, name):
    """An empty file, a zip with no workbook and an encrypted file: a Russian reason; the file stays as it was."""
    source = next(p for p in corpus() if p.name == name)
    path = tmp_path / name
    shutil.copy(source, path)
    before = path.read_bytes()
    store = XlsxStore(path)
    with pytest.raises(StoreError, match=NOT_WORKBOOKS[name]):
        store.read(["Заявки"])
    with pytest.raises(StoreError, match=NOT_WORKBOOKS[name]):
        initialize(store)
    assert path.read_bytes() == before


def test_1904_workbook_gets_its_dates_right(tmp_path):
    """A workbook on the 1904 date system (Excel for Mac, LibreOffice): 15.03.2026 stays 15.03.2026."""
    source = next(p for p in corpus() if p.name == "date_1904.xlsx" and "calamine" in str(p))
    path = tmp_path / "book.xlsx"
    shutil.copy(source, path)
    store = XlsxStore(path)
    initialize(store)
    store.append("Заявки", [{"№ заявки": "З-1", "Дата поступления": date(2026, 3, 15)}])
    store.invalidate()
    assert store.read(["Заявки"]).tabs["Заявки"].rows[0][1] == date(2026, 3, 15)


# #31 item 4: what LibreOffice shows of every sheet, before the app's writes and after -------------------------------
_ERROR = re.compile(r"^(#(VALUE!|NAME\?|REF!|DIV/0!|N/A|NULL!|NUM!)|Err:\d+)$")


@pytest.fixture(scope="session")
def originals_shown(corpus_run, tmp_path_factory):
    """Every sheet of every corpus workbook as LibreOffice shows it before the app touched it."""
    return made_once_per_run(tmp_path_factory, "originals", lambda folder: _originals_shown(corpus_run, folder))


def _originals_shown(corpus_run, folder):
    outcomes, shown = corpus_run
    if shown is None:
        return None
    copies = {}
    for source in CASES:
        outcome = outcomes[case_id(source)]
        if not outcome.refused:
            copies[case_id(source)] = folder / outcome.path.name
            shutil.copy(source, copies[case_id(source)])
    converted = libreoffice_csv(list(copies.values()), folder / "lo")
    return {case: converted[path] for case, path in copies.items()}


def _formula_cells(package: Package) -> dict[str, dict[str, tuple[bool, str]]]:
    """Sheet → A1 of each formula cell → (whether its saved result is there, the formula's own text)."""
    out = {}
    for sheet, part in package.sheets():
        if not package.has(part):
            continue
        xml = package.text(part)
        cells = {}
        for m in re.finditer(r'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', xml, re.S):
            body = m[2] or ""
            ref = re.search(r'\br="([A-Z]+\d+)"', m[1])
            formula = re.search(r"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", body, re.S)
            if ref and formula:
                cells[ref[1]] = (bool(re.search(r"<(?:\w+:)?v\b[^>]*>[^<]", body)), formula[1] or "")
        out[sheet] = cells
    return out


def _names_sheet(formula: str, sheet: str) -> bool:
    """Whether a formula's own text refers to `sheet` («Data!A:A», «'Лист 1'!B2»): its result may truly go."""
    text = formula.replace("&apos;", "'")
    return f"{sheet}!".casefold() in text.casefold() or f"'{sheet}'!".casefold() in text.casefold()


def _a1(row: int, col: int) -> str:
    return a1_cell(col + 1, row + 1)


@pytest.mark.parametrize("source", CASES, ids=case_id)
def test_31_libreoffice_shows_every_other_cell_as_before(corpus_run, originals_shown, source):
    """Every sheet the workbook had shows, in LibreOffice, the same value in every cell after the app's writes as
    before — but the staff tab's rows the app wrote — and no formula shows an error it didn't show before; on the
    sheets the app didn't write, every saved formula result is still there (counted in the file) but those of formulas
    naming the written sheet."""
    outcome = _opened_by_libreoffice(corpus_run, source)
    if outcome is None:
        return
    before_shown, after_shown = originals_shown[case_id(source)], corpus_run[1][outcome.path]
    if not before_shown:
        pytest.skip("LibreOffice не показал ни одного листа исходной книги — сравнивать нечего")
    original = Package.open(source)
    written = Package.open(outcome.path)
    try:
        formulas_before, formulas_after = _formula_cells(original), _formula_cells(written)
    finally:
        original.close()
        written.close()
    staff = outcome.staff[0] if outcome.staff else None
    changed = []
    for sheet, rows in before_shown.items():
        assert sheet in after_shown, f"LibreOffice no longer shows «{sheet}»"
        after = [r for r in after_shown[sheet] if not (sheet == staff and (STAFF_KEY in r or STAFF_CHANGED in r))]
        formulas = formulas_before.get(sheet, {})
        for r in range(max(len(rows), len(after))):
            old = rows[r] if r < len(rows) else []
            new = after[r] if r < len(after) else []
            for c in range(max(len(old), len(new))):
                a, b = (old[c] if c < len(old) else ""), (new[c] if c < len(new) else "")
                if a == b:
                    continue
                if _a1(r, c) in formulas and not (_ERROR.match(b) and not _ERROR.match(a)):
                    continue  # recalculated on opening: another value, but no new error
                changed.append(f"{sheet}!{_a1(r, c)}: «{a}» → «{b}»")
    assert not changed, changed[:10]
    kept = had = 0
    for sheet, cells in formulas_before.items():
        if sheet == staff:
            continue  # the written tab: results of formulas over its columns go, recalculated on opening
        for ref, (saved, formula) in cells.items():
            if staff and _names_sheet(formula, staff):
                continue  # over the rows the app wrote: recalculated on opening (the values compared above)
            had += saved
            kept += saved and formulas_after.get(sheet, {}).get(ref, (False, ""))[0]
    assert kept == had, f"saved results kept {kept} of {had}"

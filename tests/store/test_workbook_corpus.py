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
    members,
    raw_members,
    run_scenario,
)

CASES = [p for p in corpus() if p.name not in NOT_WORKBOOKS]
# python-calamine, the app's reader, can't open this one (a wrong CRC in a part): the app says so and writes nothing.
UNREADABLE = {"calamine/issue252.xlsx": "повреждён"}


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
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


@pytest.mark.parametrize("source", CASES, ids=case_id)
def test_libreoffice_opens_it_and_shows_what_was_written(corpus_run, source):
    """LibreOffice (headless, as a user's office) opens the result and shows the date as 15.03.2026."""
    outcomes, shown = corpus_run
    if shown is None:
        pytest.skip("LibreOffice не установлен (make test ставит его через tools/ensure_debian.sh)")
    outcome = outcomes[case_id(source)]
    if outcome.refused:
        assert case_id(source) in UNREADABLE
        return
    sheets = shown[outcome.path]
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

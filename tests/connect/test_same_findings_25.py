"""The same data gives the same findings on the staff's own sheet and in the app's own layout — on every book of
the sets written blind since the twentieth, but the twenty-second (no model tab) (#25: «the same data in the app's own layout gives the same findings»).

The app's workbook gets the tabs the staff keep (a rule about a tab the staff don't keep says nothing on both), and
the rows as read through the mapping. Findings are compared by model tab, rule and message, with what differs by
design set aside: names in «…» (a column is named as the staff named it), the wording of an unreadable cell (a
checkbox is «флажок» on their sheet, «да» once written as text), and a required column their tab does
not keep at all (GEN-COLUMNS once on theirs, GEN-REQUIRED per record on ours)."""

import re
from collections import Counter

import pytest

from core.connect.mapped import RAW
from core.records.checks import run_all
from core.records.tabs import layouts
from core.store import XlsxStore
from sheets_schema import TABS
from tests.connect import test_several_tabs_25 as several
from tests.connect.helpers import connect_book
from tests.connect.staff_books import write_book
from tests.connect.test_connected import _each_record
from tests.connect.twentieth_books import TWENTIETH
from tests.connect.twenty_eighth_books import TWENTY_EIGHTH
from tests.connect.twenty_fifth_books import TWENTY_FIFTH
from tests.connect.twenty_first_books import TWENTY_FIRST
from tests.connect.twenty_fourth_books import TWENTY_FOURTH
from tests.connect.twenty_seventh_books import TWENTY_SEVENTH
from tests.connect.twenty_sixth_books import TWENTY_SIXTH
from tests.connect.twenty_third_books import TWENTY_THIRD

ALL = [t.name for t in TABS]
BOOKS = [b for b in TWENTIETH + TWENTY_FIRST + TWENTY_THIRD + TWENTY_FOURTH + TWENTY_FIFTH + TWENTY_SIXTH
         + TWENTY_SEVENTH + TWENTY_EIGHTH
         if any(t.model_tab for t in b.tabs)] + [several.BOOK, several.GRIDS_BOOK]  # registers on a tab per group


def _key(tab: str, f) -> tuple[str, str, str]:
    return tab, f.rule, "" if f.rule == "GEN-CELL" else re.sub(r"«[^»]*»", "«»", f.message)


@pytest.mark.parametrize("book", BOOKS, ids=lambda b: b.name)
def test_the_staff_sheet_and_the_app_layout_give_the_same_findings(book, tmp_path):
    store = connect_book(write_book(book, tmp_path / "staff.xlsx"))
    staff = store.read(ALL).tabs
    mapped = {sheet: t for t, d in staff.items() if d.sheet for sheet in (d.sheet, *d.also)}
    not_kept = {(t, c.header) for t, d in staff.items() if d.sheet for c in
                next(x for x in TABS if x.name == t).columns if c.header not in d.headers}
    own = XlsxStore(tmp_path / "own.xlsx")
    own.create_tabs([lt for lt in layouts() if lt.name in {t for t, d in staff.items() if d.exists}])
    own.append_many({t: [{h: v for h, v in zip(d.headers, r, strict=True) if not h.startswith(RAW)} for r in d.rows]
                     for t, d in staff.items() if d.sheet and d.rows})
    theirs = Counter(_key(mapped[f.tab], f) for f in _each_record(run_all(staff)) if f.tab in mapped
                     and not (f.rule == "GEN-COLUMNS" and "нет столбца для" in f.message))
    ours = Counter(_key(f.tab, f) for f in run_all(own.read(ALL).tabs) if f.tab in mapped.values()
                   and f.rule != "GEN-COLUMNS" and not (f.rule == "GEN-REQUIRED" and (f.tab, f.column) in not_kept))
    assert sum(ours.values()) > 0 or sum(theirs.values()) == 0
    assert theirs == ours

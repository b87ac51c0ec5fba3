"""A column of checkboxes on the staff's own tab, mapped where the model keeps a date (#25): «Оплата получена» ✓ for
«Дата оплаты». No box can be mended into a date one by one, so the column is one finding, at its first box, with
how many there are — not a finding per row. On the app's own tab, and where the column holds dates besides a tick,
each box stays a finding of its own."""

from __future__ import annotations

from datetime import date

from core.records.reading import parse_tab
from core.store.base import TabData
from sheets_schema import TAB_BY_NAME

TAB = TAB_BY_NAME["ПОУ_оплаты"]
HEADERS = [c.header for c in TAB.columns]  # «Дата оплаты» is the last, G
PAID_ON = HEADERS.index("Дата оплаты")


def _payments(paid: list, sheet: str | None) -> TabData:
    rows = [["ПОУ-001", f"Д-{n}/2026", date(2026, 2, 1), "МБОУ СОШ № 5", 12000, 12000, value]
            for n, value in enumerate(paid, 15)]
    labels = [h if h != "Дата оплаты" else "Оплата получена" for h in HEADERS] if sheet else None
    return TabData(TAB.name, HEADERS, rows, list(range(6, 6 + len(rows))), sheet=sheet,
                   sheet_columns=list(range(len(HEADERS))) if sheet else None, labels=labels)


def _cell_findings(data: TabData):
    return [f for f in parse_tab(TAB, data).findings if f.rule == "GEN-CELL"]


def test_a_column_of_checkboxes_on_the_staffs_tab_is_one_finding_at_its_first_box():
    found = _cell_findings(_payments([True, False, True, True], "Оплаты 2026"))
    assert len(found) == 1  # old code: 4, one per box, each «в ячейке флажок, а здесь нужна дата»
    f = found[0]
    assert (f.tab, f.row, f.cell) == (TAB.name, None, "G6")
    assert "только флажки (4, G6…G9)" in f.message and "«Дата оплаты» дату" in f.message
    assert "Подключение таблицы" in f.message


def test_on_the_apps_own_tab_each_box_is_its_own_finding():
    found = _cell_findings(_payments([True, False, True], None))
    assert [f.cell for f in found] == ["G6", "G7", "G8"]


def test_a_tick_among_dates_is_a_mistake_of_its_row():
    found = _cell_findings(_payments([date(2026, 2, 20), True, date(2026, 3, 1), True], "Оплаты 2026"))
    assert [(f.row, f.cell) for f in found] == [(7, "G7"), (9, "G9")]


def test_one_box_alone_stays_a_finding_of_its_row():
    found = _cell_findings(_payments([True, None, None], "Оплаты 2026"))
    assert [(f.row, f.cell) for f in found] == [(6, "G6")]


def test_on_a_register_kept_on_a_tab_per_group_the_finding_stands_at_the_first_box_of_its_tab():
    """The payments of two groups on two tabs, joined (core.connect.several numbers the second tab's rows
    20 000 000 + row): the one finding is at G6 of the first tab, and the range names the second tab's rows as
    theirs — never «G20000006» nor «GNone»."""
    from core.records.checks import on_their_tab
    from core.store.base import ROW_SPAN

    first, second = _payments([True, True], "Оплаты Г-05"), _payments([True, False], "Оплаты Г-06")
    joined = TabData(TAB.name, HEADERS, first.rows + second.rows,
                     [ROW_SPAN + n for n in first.row_numbers] + [2 * ROW_SPAN + n for n in second.row_numbers],
                     sheet="Оплаты Г-05", sheet_columns=first.sheet_columns, labels=first.labels,
                     also=("Оплаты Г-06",))
    [found] = _cell_findings(joined)
    seen = on_their_tab(found, joined)
    assert (seen.tab, seen.row, seen.cell) == ("Оплаты Г-05", None, "G6")
    assert "только флажки (4, G6…G7 (лист «Оплаты Г-06»))" in seen.message, seen.message

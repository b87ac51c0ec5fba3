"""Parsing tabs into typed rows: headers found however typed; unreadable cells become findings."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from core.records.reading import parse_tab
from core.store.base import TabData
from sheets_schema import tab

PROGRAMS = tab("Программы")


def test_odd_headers_are_recognised():
    """Headers in odd case, with extra spaces and ё/е variants map to their columns."""
    data = TabData("Программы", ["  КОД", "наименование ", "ВИД", "объём, ч"], [["П-1", "Курс", "пк", "72"]], [2])
    parsed = parse_tab(PROGRAMS, data)
    item = parsed.rows[0].item
    assert (item.code, item.name, item.kind.value, item.hours) == ("П-1", "Курс", "ПК", 72)
    assert not [f for f in parsed.findings if f.severity == "ошибка"]


def test_missing_required_column_is_an_error_and_optional_a_warning():
    """A missing required column is an error at row 1; a missing optional one a warning."""
    parsed = parse_tab(PROGRAMS, TabData("Программы", ["Код", "Наименование", "Вид"], [], []))
    by_column = {f.column: f.severity for f in parsed.findings}
    assert by_column["Объём, ч"] == "ошибка" and by_column["Подразделение"] == "предупреждение"


def test_unreadable_cell_points_at_its_a1_cell():
    """A cell that can't be read gives a GEN-CELL finding naming the exact cell."""
    apps = tab("Заявки")
    headers = apps.headers
    row = [None] * len(headers)
    row[headers.index("Дата рождения")] = "31.02.1985"
    parsed = parse_tab(apps, TabData("Заявки", headers, [row], [7]))
    (finding,) = [f for f in parsed.findings if f.rule == "GEN-CELL"]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("Дата рождения")]
    assert finding.cell == f"{column}7" and finding.row == 7 and "31.02.1985" in finding.message
    assert parsed.rows[0].item.birth_date is None


def test_columns_staff_added_are_ignored_when_reading():
    """An extra column is simply not part of the typed row."""
    data = TabData("Программы", ["Код", "Моя пометка", "Наименование", "Вид", "Объём, ч"],
                   [["П-1", "важно", "Курс", "ПК", 72]], [2])
    assert parse_tab(PROGRAMS, data).rows[0].item.name == "Курс"


values = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**9), st.floats(), st.booleans(),
                   st.dates(min_value=date(1900, 1, 1)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(values, min_size=len(PROGRAMS.headers), max_size=len(PROGRAMS.headers)), min_size=1, max_size=8))
def test_any_cells_never_crash_and_every_unreadable_cell_is_a_finding(rows):
    """Random cells of every kind: no exception; each cell that reads as None though not blank has a finding."""
    headers = PROGRAMS.headers
    numbers = list(range(2, 2 + len(rows)))
    parsed = parse_tab(PROGRAMS, TabData("Программы", headers, rows, numbers))
    cells = {f.cell for f in parsed.findings if f.rule == "GEN-CELL"}
    for number, raw, parsed_row in zip(numbers, rows, parsed.rows, strict=True):
        for col, column in enumerate(PROGRAMS.columns):
            a1 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col] + str(number)
            blank = raw[col] is None or (isinstance(raw[col], str) and not raw[col].strip())
            if getattr(parsed_row.item, column.field) is None and not blank:
                assert a1 in cells
            if a1 in cells:
                assert getattr(parsed_row.item, column.field) is None


def test_fast_row_constructor_matches_pydantic_model_construct():
    """The fast constructor builds the same row pydantic's model_construct would."""
    from core.records.reading import row_constructor

    values = {"code": "П-1", "name": "Курс", "hours": 72}
    fast = row_constructor(PROGRAMS.model)(values)
    every_field = {name: values.get(name) for name in PROGRAMS.model.model_fields}
    slow = PROGRAMS.model.model_construct(_fields_set=set(values), **every_field)
    assert fast == slow and fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.kind is None  # a required field whose column is missing reads as None, never AttributeError

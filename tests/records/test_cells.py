"""Tolerant cell readers: what staff type is understood; what can't be is a CellError, never a crash."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.platform.errors import CellError
from core.records.cells import read_bool, read_date, read_decimal, read_int, read_text, reader_for
from sheets_schema.enums import ProgramKind


@pytest.mark.parametrize("raw, expected", [
    ("28.12.2022", date(2022, 12, 28)), ("28.12.22", date(2022, 12, 28)), ("2022-12-28", date(2022, 12, 28)),
    ("1.2.2023", date(2023, 2, 1)), ("28/12/2022", date(2022, 12, 28)), ("28.12.2022 г.", date(2022, 12, 28)),
    (44923, date(2022, 12, 28)), (44923.0, date(2022, 12, 28)), ("44923", date(2022, 12, 28)),
    (datetime(2022, 12, 28, 0, 0), date(2022, 12, 28)), (date(2022, 12, 28), date(2022, 12, 28)),
    ("2022-12-28T10:30:00", date(2022, 12, 28)), ("", None), ("  ", None), (None, None),
    ("12.01.2026 10:15:02", date(2026, 1, 12)), ("12.01.2026 9:05", date(2026, 1, 12)),  # a Google Forms timestamp
    # in words, as registers and contracts write them (and as the app's own documents do: «28» декабря 2022 г.)
    ("12 марта 1985 г.", date(1985, 3, 12)), ("«28» декабря 2022 г.", date(2022, 12, 28)),
    ("1 Сентября 2026 года", date(2026, 9, 1)), ("9 мая 2025", date(2025, 5, 9)),
    # clipped months, and the number pad's commas
    ("12 янв. 2026", date(2026, 1, 12)), ("3 сент 2026 г.", date(2026, 9, 3)), ("9 май 2025", date(2025, 5, 9)),
    ("28 Дек. 2022г.", date(2022, 12, 28)), ("1 мар. 2026", date(2026, 3, 1)),
    ("12,01,2026", date(2026, 1, 12)), ("12,01,26", date(2026, 1, 12)),
])
def test_dates_as_staff_type_them(raw, expected):
    """Every way a date is typed in the sheet reads as that date."""
    assert read_date(raw) == expected


@pytest.mark.parametrize("raw", ["31.02.2024", "вчера", "12.2022", True, -5, "2022-13-01", "12.01.2026 10",
                                 "31 февраля 2026 г.", "12 мартобря 1985", "марта 1985", "12 ма 2026", "12.01,2026",
                                 "12,5", "12 января"])
def test_unreadable_dates_raise_cell_error(raw):
    """An impossible or unparseable date is a CellError with a Russian reason."""
    with pytest.raises(CellError):
        read_date(raw)


@pytest.mark.parametrize("raw, expected", [
    ("1 234,50", Decimal("1234.50")), ("1234.5", Decimal("1234.5")), ("1 234 ₽", Decimal("1234")),
    ("12%", Decimal("12")), ("1\u00a0234,5", Decimal("1234.5")), ("1.234,50", Decimal("1234.50")),
    ("1234,5 руб.", Decimal("1234.5")), ("−15", Decimal("-15")), (1234.5, Decimal("1234.5")), (7, Decimal(7)),
    (0.1, Decimal("0.1")), ("", None),
])
def test_numbers_as_staff_type_them(raw, expected):
    """Spaces, commas, ₽ and % are understood; floats become exact decimals."""
    assert read_decimal(raw) == expected


def test_a_whole_number_stored_as_a_float_reads_as_the_whole_number():
    """A workbook stores −20 as the float −20.0, a Google Sheet gives −20: both read −20, so a message says «−20» of
    either (it said «−20,0» of the workbook's); a fraction stays exact."""
    assert str(read_decimal(-20.0)) == str(read_decimal(-20)) == "-20"
    assert str(read_decimal(1234.5)) == "1234.5"


@pytest.mark.parametrize("raw", ["сто", "1,2,3", "12-5", True, date(2022, 1, 1), float("nan")])
def test_unreadable_numbers_raise_cell_error(raw):
    """Words, odd punctuation, booleans and dates are not numbers."""
    with pytest.raises(CellError):
        read_decimal(raw)


def test_int_refuses_fractions():
    """A whole-number column does not silently drop a fraction."""
    assert read_int("25") == 25
    with pytest.raises(CellError, match="целое"):
        read_int("2,5")


@pytest.mark.parametrize("raw, expected", [
    ("да", True), ("Да", True), ("+", True), ("1", True), (1, True), ("true", True), (True, True),
    ("нет", False), ("−", False), ("-", False), ("0", False), (0, False), ("false", False), ("", None),
    ("н/я", False), ("Н/Я", False), ("не явился", False), ("неявка", False), ("явилась", True), ("есть", True),
])
def test_yes_no(raw, expected):
    """да/нет/+/−/1/0/true/false, and a register's «н/я» (не явился) under an exam's «Явка»."""
    assert read_bool(raw) is expected


def test_enum_tolerates_case_and_spaces_but_refuses_strangers():
    """A dropdown value is matched regardless of case and spaces; an unknown one lists the allowed ones."""
    read = reader_for(ProgramKind)
    assert read("  пк ") is ProgramKind.PK and read("Тема") is ProgramKind.TOPIC
    with pytest.raises(CellError, match="«ПК»"):
        read("курсы")



@pytest.mark.parametrize(("raw", "said"), [(12.0, "«12»"), (12.5, "«12,5»"), (date(2026, 3, 2), "«02.03.2026»")])
def test_a_number_or_date_not_from_the_list_is_said_as_the_staff_see_it(raw, said):
    """#25: a cell holding 12 (a spreadsheet keeps it as 12.0) was said to hold «12.0», a date «2026-03-02»."""
    with pytest.raises(CellError) as enum_error:
        reader_for(ProgramKind)(raw)
    with pytest.raises(CellError) as bool_error:
        read_bool(raw)
    assert said in str(enum_error.value) and said in str(bool_error.value)

@pytest.mark.parametrize("raw, expected", [
    ("36 ч.", 36), ("252 ч", 252), ("72 час.", 72), ("16 ак. ч", 16), ("36 часов", 36), ("3 часа", 3), ("25 чел.", 25),
])
def test_hours_and_people_typed_with_their_unit(raw, expected):
    """«Трудоёмкость: 36 ч.», «Слушателей: 25 чел.» — the number without its unit; a unit alone is no number."""
    assert read_int(raw) == expected


@pytest.mark.parametrize("raw", ["ч.", "36 чаc", "часов"])
def test_a_unit_alone_or_misspelt_is_no_number(raw):
    with pytest.raises(CellError):
        read_int(raw)


def test_text_of_numbers_and_dates():
    """Text columns show numbers without «.0» and dates as ДД.ММ.ГГГГ."""
    assert read_text(12.0) == "12" and read_text(date(2022, 12, 28)) == "28.12.2022" and read_text(" a ") == "a"


cell_values = st.one_of(st.none(), st.text(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                        st.booleans(), st.dates(), st.datetimes(), st.decimals(allow_nan=True))


@given(cell_values)
def test_readers_never_raise_anything_but_cell_error(value):
    """Any value of any kind: each reader returns a typed value or raises CellError, nothing else."""
    for kind in (date, Decimal, int, bool, str, ProgramKind):
        try:
            result = reader_for(kind)(value)
        except CellError:
            continue
        expected = {date: date, Decimal: Decimal, int: int, bool: bool, str: str, ProgramKind: ProgramKind}[kind]
        assert result is None or isinstance(result, expected)

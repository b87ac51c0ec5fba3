"""Many staff on one Google Sheet (#26): each numbered defect provoked against the emulator, with two processes
standing in for two machines where the issue says so."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from core.enrollment.application_form import APPLICATION_NUMBERS
from core.platform.errors import RowNotFound
from core.records.journal import JournaledStore
from core.records.tabs import layouts
from core.store import find_row
from core.store.gsheets import GSheetsStore
from tests.conftest import FAST_RETRY, gsheets_store
from tests.sheets_emulator import SheetsEmulator

WRITES, READS = SheetsEmulator.WRITES, SheetsEmulator.READS
ROOT = Path(__file__).resolve().parents[2]
RUB = {"type": "CURRENCY", "pattern": '#,##0.00 "₽"'}


@pytest.fixture
def sheet(emulator):
    store = gsheets_store(emulator)
    store.create_tabs([lay for lay in layouts() if lay.name in ("Заявки", "Журнал")])
    store.append("Заявки", [_application(f"З-{i}", f"Фамилия{i}") for i in (1, 2, 3)])
    emulator.reset_counts()
    return emulator, store


def _application(number: str | None, last: str, status: str = "новая") -> dict:
    return {"№ заявки": number, "Код программы": "ПК-001", "Фамилия": last, "Имя": "Анна", "Статус": status}


def _col(emulator, tab: str, header: str) -> int:
    return [emulator.value(tab, 1, c) for c in range(1, 60)].index(header) + 1


def _column(emulator, tab: str, header: str) -> list:
    column = _col(emulator, tab, header)
    return [row[column - 1] if column - 1 < len(row) else "" for row in emulator.grid(tab)[1:]]


# 1 — an insert at any moment of the window never sends the change into a neighbour ----------------------------------
def _hooks(emulator, moment: str, colleague) -> None:
    """Arm the colleague to act at one moment of the update's window."""
    if moment == "after the page read":
        colleague(emulator)
    elif moment == "before the pins":
        emulator.before("batch_update", colleague)
    elif moment == "between the pins and the write":
        emulator.after("batch_update", colleague)
    elif moment == "as the write arrives":
        emulator.after("batch_update", lambda e: e.before("batch_update", colleague))
    else:  # the write refused with 429, the colleague acts during the pause, then the write is tried again
        emulator.after("batch_update", lambda e: (e.fail_next(1, status=429, kinds=WRITES),
                                                  e.after("batch_update", colleague)))


def _colleagues_row(emulator, number: str) -> list:
    headers = [emulator.value("Заявки", 1, c) for c in range(1, 30)]
    values = {"№ заявки": number, "Код программы": "ПК-001", "Фамилия": "Коллегина", "Статус": "новая"}
    return [values.get(h) for h in headers]


@pytest.mark.parametrize("moment", ["after the page read", "before the pins", "between the pins and the write",
                                    "as the write arrives", "after a 429 on the write"])
@pytest.mark.parametrize("change", ["insert above", "delete above", "insert right above the record"])
def test_1_a_row_inserted_or_deleted_at_any_moment_leaves_the_change_in_its_record(sheet, moment, change):
    """«отклонена» goes into З-2 and nowhere else, whenever a colleague inserts or deletes a row in the window."""
    emulator, store = sheet
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-2")

    def colleague(e):
        if change == "insert above":
            e.insert_row("Заявки", 2, _colleagues_row(e, "З-0"))
        elif change == "delete above":
            e.delete_row("Заявки", 2)
        else:
            e.insert_row("Заявки", 3, _colleagues_row(e, "З-15"))

    _hooks(emulator, moment, colleague)
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    statuses = dict(zip(_column(emulator, "Заявки", "№ заявки"), _column(emulator, "Заявки", "Статус"), strict=True))
    assert statuses.pop("З-2") == "отклонена"
    assert set(statuses.values()) == {"новая"}  # no other record touched
    assert [row[4] for row in emulator.grid("Журнал")[1:]] == ["изменение"]
    assert not [m for s in emulator.book.sheets for m in s.metadata if m["metadataKey"] == "edudesk.pin"]


@pytest.mark.parametrize("moment", ["after the page read", "before the pins", "between the pins and the write",
                                    "after a 429 on the write"])
@pytest.mark.parametrize("change", ["insert left", "delete left"])
def test_1_a_column_inserted_or_deleted_at_any_moment_leaves_the_value_in_its_column(sheet, moment, change):
    """A colleague inserts a column left of «Статус», or deletes one: «отклонена» still goes under «Статус»."""
    emulator, store = sheet
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-2")

    def colleague(e):
        if change == "insert left":
            e.insert_column("Заявки", 2, "Комментарий методиста")
        else:
            e.delete_column("Заявки", _col(e, "Заявки", "Фамилия"))

    _hooks(emulator, moment, colleague)
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    statuses = dict(zip(_column(emulator, "Заявки", "№ заявки"), _column(emulator, "Заявки", "Статус"), strict=True))
    assert statuses == {"З-1": "новая", "З-2": "отклонена", "З-3": "новая"}
    row = emulator.grid("Заявки")[2]
    assert row.count("отклонена") == 1  # and in no other column


def test_1_the_record_deleted_in_the_window_is_said_and_nothing_is_written(sheet):
    emulator, store = sheet
    seen = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-2")
    emulator.after("batch_update", lambda e: e.delete_row("Заявки", 3))
    with pytest.raises(RowNotFound, match="«З-2».*удалили"):
        JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    assert set(_column(emulator, "Заявки", "Статус")) == {"новая"}
    assert emulator.grid("Журнал")[1:] == []


# 2, 3 — two machines adding numbered records, free-running, with and without lost answers ---------------------------
@pytest.mark.parametrize("lost", [0.0, 0.25], ids=["every answer", "one answer in four lost"])
def test_2_3_two_machines_adding_freely_never_get_one_number(emulator, lost, tmp_path):
    """10 runs of 2 processes × 20 adds: 0 duplicate numbers, and each user told exactly the numbers of their rows."""
    runs, count = 10, 20
    keys = [f"run-{i}" for i in range(runs)]
    for key in keys:
        emulator.add_spreadsheet(key)
        store = gsheets_store(emulator)
        store.key = key
        store.create_tabs([lay for lay in layouts() if lay.name in ("Заявки", "Журнал")])
    emulator.lose_answers(lost, seed=26)
    machines = [subprocess.Popen([sys.executable, "-m", "tests.store.concurrent_adds", emulator.url, who, str(count),
                                  str(tmp_path), *keys], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 cwd=ROOT) for who in ("first@oiro.ru", "second@oiro.ru")]
    answers = []
    for machine in machines:
        out, errors = machine.communicate(timeout=300)
        assert machine.returncode == 0, errors[-3000:]
        answers += [(a["key"], a["who"], a["numbers"]) for a in map(json.loads, out.splitlines())]
    for key in keys:
        emulator.book = emulator.api.books[key]
        numbers = _column(emulator, "Заявки", "№ заявки")
        assert len(numbers) == 2 * count
        assert [n for n, times in Counter(numbers).items() if times > 1] == []
        mine = {who: nums for k, who, nums in answers if k == key}
        assert sorted(mine["first@oiro.ru"] + mine["second@oiro.ru"]) == sorted(numbers)
        by_number = dict(zip(numbers, _column(emulator, "Заявки", "Фамилия"), strict=True))
        for who, nums in mine.items():
            assert all(by_number[n].startswith(who[:5]) for n in nums)  # told the number of their own row
        assert len(emulator.grid("Журнал")) == 1 + 2 * count


def test_3_a_lost_answer_on_a_number_a_colleague_took_at_the_same_moment_is_not_taken_as_ours(sheet):
    """Our write of «З-4» has its answer lost while a colleague's «З-4» lands first: the claim says it is theirs,
    and ours becomes «З-5» — not «З-4» twice."""
    emulator, store = sheet
    other = gsheets_store(emulator)

    def colleague(e):
        JournaledStore(other, "colleague@oiro.ru").append("Заявки", [_application(None, "Коллегина")],
                                                          numbering=APPLICATION_NUMBERS)
        e.fail_next(1, status=500, kinds=WRITES, applied=True)

    emulator.before("batch_update", colleague)
    written = JournaledStore(store, "staff@oiro.ru").append("Заявки", [_application(None, "Наша")],
                                                           numbering=APPLICATION_NUMBERS)
    numbers = dict(zip(_column(emulator, "Заявки", "№ заявки"), _column(emulator, "Заявки", "Фамилия"), strict=True))
    assert numbers == {"З-1": "Фамилия1", "З-2": "Фамилия2", "З-3": "Фамилия3", "З-0004": "Коллегина",
                       "З-0005": "Наша"}
    assert written[0]["№ заявки"] == "З-0005"


# 4, 5, 6 — checkboxes, formulas and formats staff filled down -------------------------------------------------------
@pytest.fixture
def payments(emulator):
    """A tab as staff keep it: three records, «Оплачено» as checkboxes and «Остаток» as a formula down to row 1000,
    «Сумма» in roubles."""
    emulator.add_sheet("Оплаты", [["Код", "Сумма", "Оплачено", "Дата", "Остаток"]])
    for row in (2, 3, 4):
        emulator.set_cell("Оплаты", row, 1, f"K{row - 1}")
        emulator.set_cell("Оплаты", row, 2, 1000 * row, number_format=RUB)
        emulator.set_cell("Оплаты", row, 4, date(2026, 3, row), number_format={"type": "DATE", "pattern": "dd.mm.yyyy"})
    emulator.checkboxes("Оплаты", 3, 2, 1000)
    emulator.fill_down("Оплаты", 5, 2, 1000, "=B2*2")
    store = gsheets_store(emulator)
    emulator.reset_counts()
    return emulator, store


def test_4_5_checkboxes_and_formulas_filled_down_are_not_records(payments):
    emulator, store = payments
    tab = store.read(["Оплаты"]).tabs["Оплаты"]
    assert [row[0] for row in tab.rows] == ["K1", "K2", "K3"]


def test_4_5_a_new_record_goes_right_under_the_last_one(payments):
    """Not at row 1001: at row 5, with its box and its formula; the 996 prepared rows stay below it."""
    emulator, store = payments
    store.append("Оплаты", [{"Код": "K4", "Сумма": Decimal("2500"), "Оплачено": True, "Дата": date(2026, 3, 9)}])
    assert [emulator.value("Оплаты", r, 1) for r in (4, 5, 6)] == ["K3", "K4", ""]
    assert emulator.value("Оплаты", 5, 3) is True and emulator.has_checkbox("Оплаты", 5, 3)
    assert emulator.formula("Оплаты", 5, 5) == "=B5*2"
    prepared = [r for r in range(6, 1002) if emulator.value("Оплаты", r, 3) is False and emulator.formula(
        "Оплаты", r, 5) == f"=B{r}*2"]
    assert len(prepared) == 996
    assert [row[0] for row in store.read(["Оплаты"]).tabs["Оплаты"].rows] == ["K1", "K2", "K3", "K4"]


def test_4_a_yes_no_goes_into_a_checkbox_as_a_box(payments):
    emulator, store = payments
    seen = find_row(store.read(["Оплаты"]).tabs["Оплаты"], "Код", "K2")
    store.update(seen, "Код", {"Оплачено": True})
    assert emulator.value("Оплаты", 3, 3) is True and emulator.shown("Оплаты", 3, 3) == "ИСТИНА"


def test_6_a_new_amount_keeps_the_roubles_of_its_column(payments):
    emulator, store = payments
    store.append("Оплаты", [{"Код": "K4", "Сумма": Decimal("2500"), "Дата": date(2026, 3, 9)}])
    assert emulator.number_format("Оплаты", 5, 2) == RUB
    assert emulator.shown("Оплаты", 5, 2) == "2\u00a0500,00 ₽"
    assert emulator.shown("Оплаты", 5, 4) == "09.03.2026"


def test_6_an_update_keeps_the_date_format_staff_chose(payments):
    emulator, store = payments
    emulator.set_cell("Оплаты", 3, 4, date(2026, 3, 3), number_format={"type": "DATE", "pattern": "d mmmm yyyy"})
    seen = find_row(store.read(["Оплаты"]).tabs["Оплаты"], "Код", "K2")
    store.update(seen, "Код", {"Дата": date(2026, 4, 1)})
    assert emulator.number_format("Оплаты", 3, 4) == {"type": "DATE", "pattern": "d mmmm yyyy"}


def test_6_a_date_into_a_cell_without_a_format_brings_the_models(emulator):
    emulator.add_sheet("Лист", [["Код", "Дата"], ["K1", ""]])
    store = gsheets_store(emulator)
    store.append("Лист", [{"Код": "K2", "Дата": date(2026, 5, 4)}])
    assert emulator.shown("Лист", 3, 2) == "04.05.2026"


# 7 — a lost write is decided by what the write carries --------------------------------------------------------------
def test_7_a_503_not_applied_beside_an_identical_row_is_written(sheet):
    """An identical application already exists; our write gets a 503 and was not applied: it is sent again."""
    emulator, store = sheet
    twin = _application("З-3", "Фамилия3")
    emulator.fail_next(1, status=503, kinds=WRITES)
    store.append("Заявки", [twin])
    assert _column(emulator, "Заявки", "№ заявки") == ["З-1", "З-2", "З-3", "З-3"]


def test_7_a_write_applied_with_its_answer_lost_is_not_sent_again(sheet):
    emulator, store = sheet
    emulator.fail_next(1, status=503, kinds=WRITES, applied=True)
    store.append("Заявки", [_application("З-4", "Новая")])
    assert _column(emulator, "Заявки", "№ заявки") == ["З-1", "З-2", "З-3", "З-4"]
    assert emulator.count("batch_update") == 1


# 8 — size: a read asks for bare values; an add for the rows around the last record and the key column -------------
def test_8_a_read_of_numbers_dates_and_formulas_asks_only_their_columns_for_faces(emulator):
    """Text columns come in one answer of bare values; the faces of the number columns and the results of the
    formula column in two more, whole columns only — and every cell reads as the sheet shows it."""
    emulator.add_sheet("Оплаты", [["Код", "Сумма", "Дата", "Доля", "Итог", "Примечание"]])
    for row in (2, 3):
        emulator.set_cell("Оплаты", row, 1, f"K{row}")
        emulator.set_cell("Оплаты", row, 2, 2500 * row, number_format=RUB)
        emulator.set_cell("Оплаты", row, 3, date(2026, 3, row), number_format={"type": "DATE", "pattern": "dd.mm.yyyy"})
        emulator.type_cell("Оплаты", row, 4, "12,5%")
        emulator.type_cell("Оплаты", row, 5, "=10*150")
        emulator.set_cell("Оплаты", row, 6, "=10*150")  # text that looks like a formula
    store = gsheets_store(emulator)
    emulator.reset_counts()
    tab = store.read(["Оплаты"]).tabs["Оплаты"]
    ranges = [query["ranges"] for kind, query, _body in emulator.bodies if kind == "values_batch_get"]
    assert ranges == [["'Оплаты'"], ["'Оплаты'!B:B", "'Оплаты'!C:C", "'Оплаты'!D:D", "'Оплаты'!E:E", "'Оплаты'!F:F"],
                      ["'Оплаты'!E:E", "'Оплаты'!F:F"]]
    # a tab the model doesn't know reads as the sheet shows it; a formula as its result, text as typed
    assert tab.rows[0] == ["K2", "5\u00a0000,00 ₽", "02.03.2026", "12,5%", 1500, "=10*150"]


@pytest.mark.parametrize(("value", "face", "read"), [
    (46083, "02.03.2026", date(2026, 3, 2)),
    (46083, "2026-03-02", date(2026, 3, 2)),
    (46083, "2 марта 2026 г.", date(2026, 3, 2)),
    (46083.5, "02.03.2026 12:00:00", datetime(2026, 3, 2, 12)),
    (46083.5, "02.03.2026", date(2026, 3, 2)),
    (46083, "46\u00a0083,00 ₽", 46083),
    (2026, "2026", 2026),
    (0.125, "12,5%", 0.125),
])
def test_8_a_bare_value_and_its_face_read_as_the_typed_grid_reads_them(value, face, read):
    """Without the cell's format, the face decides: a serial number shown as its own date is that date."""
    from core.store.sheets_values import decode_value
    from core.store.typed import Shown

    cell = decode_value(value, face)
    assert (cell.value if isinstance(cell, Shown) else cell) == read


# 8 — size: an add asks for the rows around the last record and the key column, not the whole tab -------------------
class _Counting(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.received = 0

    def request(self, *args, **kwargs):
        answer = super().request(*args, **kwargs)
        self.received += len(answer.content)
        return answer


@pytest.fixture
def year(emulator):
    """«Заявки» with 1 500 applications, read by the page."""
    session = _Counting()
    store = GSheetsStore(emulator.key, session=session, api_base=emulator.url, policy=FAST_RETRY)
    store.create_tabs([lay for lay in layouts() if lay.name in ("Заявки", "Журнал")])
    store.append("Заявки", [_application(f"З-{i:04d}", f"Фамилия{i}") for i in range(1, 1501)])
    store.invalidate()
    session.received = 0
    store.read(["Заявки"])
    read = session.received
    session.received = 0
    emulator.reset_counts()
    return emulator, store, session, read


def test_8_an_add_after_a_read_receives_a_fraction_of_the_tab(year):
    emulator, store, session, read = year
    written = JournaledStore(store, "staff@oiro.ru").append("Заявки", [_application(None, "Новая")],
                                                           numbering=APPLICATION_NUMBERS)
    assert written[0]["№ заявки"] == "З-1501"
    assert emulator.value("Заявки", 1502, 1) == "З-1501"
    check = [query for kind, query, _body in emulator.bodies if kind == "grid_get"]
    assert len(check) == 1 and check[0]["ranges"][:2] == ["'Заявки'!1:1", "'Заявки'!1496:1601"]  # not the 1 500 rows
    assert [query["ranges"] for kind, query, _body in emulator.bodies if kind == "values_batch_get"] == [["'Заявки'!A:A"]]
    assert session.received < read / 2
    assert emulator.count("batch_update") == 1


def test_8_records_added_past_the_window_are_seen_and_the_new_one_goes_under_them(year):
    emulator, store, session, read = year
    other = gsheets_store(emulator)
    other.append("Заявки", [_application(f"З-{i:04d}", f"Коллега{i}") for i in range(1501, 1701)])
    written = store.append_many({"Заявки": [_application(None, "Новая")]}, APPLICATION_NUMBERS)
    assert written["Заявки"][0]["№ заявки"] == "З-1701"
    assert [emulator.value("Заявки", r, 1) for r in (1701, 1702, 1703)] == ["З-1700", "З-1701", ""]

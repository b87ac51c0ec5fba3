"""Several staff writing at once through the mapping of their own workbook (#25): eight sessions, each opened as a
colleague's page opens it, add applications to the staff's register at the same moment, and records to their plan
kept in sections — every record written once, no number given twice, each under its own section, and not one cell
of what staff typed changed."""

from __future__ import annotations

import threading
from dataclasses import replace

from core.connect.sheet import connected
from core.enrollment.application_form import APPLICATION_NUMBERS
from core.records.checks import open_workbook
from core.store import XlsxStore
from tests.connect.helpers import applications_added, connect_book, connect_google, google_copy, sheet_cells
from tests.connect.staff_books import REGISTER, SECTIONED_PLAN, StaffBook, write_book

SESSIONS = 8


def _at_once(opened, work) -> list:
    """`work(store, n)` in SESSIONS threads, each with its own store opened through the saved mapping (`opened()`),
    released together."""
    barrier, results, errors = threading.Barrier(SESSIONS), [], []

    def session(n: int) -> None:
        try:
            store = opened()
            store.read(["Заявки", "ПОУ_услуги"])
            barrier.wait()
            results.append(work(store, n))
        except Exception as exc:  # noqa: BLE001 — every session's failure is reported, not the first only
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_eight_sessions_adding_applications_at_once_get_eight_numbers_and_eight_rows(tmp_path):
    path = write_book(StaffBook("Реестр", [REGISTER]), tmp_path / "reg.xlsx")
    connect_book(path)
    before = sheet_cells(path, REGISTER.name)

    def add(store, n):
        return store.append_many({"Заявки": [{"Фамилия": f"Новикова{n}", "Имя": "Анна", "Код программы": "ПК-01",
                                             "Статус": "новая"}]}, APPLICATION_NUMBERS)["Заявки"][0]["№ заявки"]

    given = _at_once(lambda: connected(XlsxStore(path)), add)
    assert len(given) == SESSIONS
    applications_added(path, REGISTER.name, before, given, len(REGISTER.rows))


DEPARTMENTS = ("Кафедра педагогики", "Кафедра ИТ", "Кафедра физики")
# a third section under the two of the staff's plan: a record of the middle one goes between sections, where rows
# another session inserted above since its placement was read would carry it into the section above
PLAN = replace(SECTIONED_PLAN, rows=[*SECTIONED_PLAN.rows, ["Кафедра физики"],
                                     ["ПОУ-301", "Оптика", "в Учреждении", "МБОУ СОШ № 7", 16, 10, 150,
                                      "с 01.06.2026 по 05.06.2026", "Громов П.С.", "согласована"]])


def _add_service(store, n):
    store.append("ПОУ_услуги", [{"Код услуги": f"ПОУ-9{n:02d}", "Кафедра": DEPARTMENTS[n % 3], "Вид": "ПК",
                                 "Наименование": f"Новая {n}"}])
    return n


def _each_under_its_section(store, codes: list) -> None:
    services = {r.item.code: r.item for r in open_workbook(store.read(["ПОУ_услуги"]).tabs).items("ПОУ_услуги")}
    assert len(services) == 4 + SESSIONS
    assert all(services[f"ПОУ-9{n:02d}"].department == DEPARTMENTS[n % 3] for n in range(SESSIONS))
    assert [codes.count(d) for d in DEPARTMENTS] == [1, 1, 1]  # no section row written twice


def test_eight_sessions_adding_to_sections_at_once_put_each_record_under_its_own_section(tmp_path):
    path = write_book(StaffBook("План", [PLAN]), tmp_path / "plan.xlsx")
    connect_book(path)
    _at_once(lambda: connected(XlsxStore(path)), _add_service)
    cells = sheet_cells(path, SECTIONED_PLAN.name)
    _each_under_its_section(connect_book(path), [cells.get(f"A{r}") for r in range(4, 4 + 7 + SESSIONS)])


def test_eight_sessions_adding_to_sections_of_a_google_sheet_at_once_put_each_under_its_own_section(tmp_path):
    """The same on a Google Sheet: each session's rows inserted under its section's last record as found at its own
    check-read; the others' rows inserted meanwhile are followed."""
    from tests.conftest import gsheets_store
    from tests.sheets_emulator import SheetsEmulator

    emulator = SheetsEmulator().start()
    try:
        google_copy(write_book(StaffBook("План", [PLAN]), tmp_path / "plan.xlsx"), emulator)
        connect_google(emulator)
        _at_once(lambda: connected(gsheets_store(emulator)), _add_service)
        codes = [row[0] if row else "" for row in emulator.grid(SECTIONED_PLAN.name)[3:]]
        _each_under_its_section(connect_google(emulator), codes)
    finally:
        emulator.stop()


def test_four_sessions_marking_the_same_class_in_the_staffs_grid_at_once_mark_it_once(tmp_path):
    """Four methodists press «Записать посещаемость» for the class of 05.03 at the same moment: one marks it in the
    staff's «шахматка», the other three are told it is marked — no cell written twice, none over another's mark."""
    from datetime import date
    from types import SimpleNamespace

    from core.enrollment.attendance import mark_class
    from core.platform.errors import EduDeskError
    from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS

    rows = [r[:5] + [""] + r[6:] for r in ATTENDANCE_GRID.rows]  # 05.03 (column F) not marked yet
    path = write_book(StaffBook("Журнал", [replace(ATTENDANCE_GRID, rows=rows), LISTENERS, GROUPS]),
                      tmp_path / "att.xlsx")
    connect_book(path)
    before = sheet_cells(path, ATTENDANCE_GRID.name)
    group = SimpleNamespace(code="Г-01", start=date(2026, 3, 2), end=date(2026, 3, 13))
    barrier, done, refused = threading.Barrier(4), [], []

    def session(present: set) -> None:
        store = connected(XlsxStore(path))
        store.read(["Посещаемость"])
        barrier.wait()
        try:
            done.append((mark_class(store, group, date(2026, 3, 5), ["С-001", "С-002"], present, date(2026, 3, 5)),
                         present))
        except EduDeskError as exc:
            refused.append(str(exc))

    threads = [threading.Thread(target=session, args=(p,)) for p in ({"С-001"}, {"С-002"}, set(), {"С-001", "С-002"})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(done) == 1 and len(refused) == 3, (done, refused)
    after = sheet_cells(path, ATTENDANCE_GRID.name)
    marks = {"С-001": after["F4"], "С-002": after["F5"]}
    assert marks == {k: "+" if k in done[0][1] else "н" for k in marks}  # the one session's marks, whole
    assert {k for k in after if after.get(k) != before.get(k)} == {"F4", "F5"}


def test_eight_sessions_adding_to_the_tabs_of_one_register_on_a_google_sheet_never_get_one_number(tmp_path):
    """Applications kept on a tab per programme of a Google Sheet, eight sessions adding to both tabs at the same
    moment: the other tab's numbers are read in the same attempt as the tab's own, and a number another session took
    meanwhile is seen at the check before the write — no number told twice, each row on its programme's tab."""
    from tests.conftest import gsheets_store
    from tests.connect.test_several_tabs_25 import _applications_book
    from tests.sheets_emulator import SheetsEmulator

    def add(store, n):
        return store.append_many({"Заявки": [{"Фамилия": f"Новикова{n}", "Имя": "Анна",
                                             "Код программы": f"ПК-0{1 + n % 2}"}]},
                                 APPLICATION_NUMBERS)["Заявки"][0]["№ заявки"]

    emulator = SheetsEmulator().start()
    try:
        google_copy(_applications_book(tmp_path), emulator)
        staff_typed = {tab: emulator.grid(tab) for tab in ("Заявки ПК-01", "Заявки ПК-02")}
        connect_google(emulator)
        told = _at_once(lambda: connected(gsheets_store(emulator)), add)
        assert len(set(told)) == SESSIONS, told
        for tab, program in (("Заявки ПК-01", 1), ("Заявки ПК-02", 0)):
            grid = emulator.grid(tab)
            assert grid[:len(staff_typed[tab])] == staff_typed[tab]  # what staff typed, as it was
            added = grid[len(staff_typed[tab]):]
            assert sorted(row[1] for row in added) == sorted(f"Новикова{n} Анна" for n in range(SESSIONS)
                                                             if n % 2 != program)
        items = open_workbook(connect_google(emulator).read(["Заявки"]).tabs).items("Заявки")
        numbers = [r.item.number for r in items]
        assert len(numbers) == len(set(numbers)) == 4 + SESSIONS and set(told) <= set(numbers)
    finally:
        emulator.stop()

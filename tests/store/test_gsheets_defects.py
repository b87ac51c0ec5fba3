"""The shared Google Sheet as it really is (issue #12): each numbered defect, provoked against the emulator.

A colleague edits the sheet while the app works; the network loses answers; Google refuses. The app never
writes into the wrong row or column, never twice, never half without saying so, and always in Russian.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest

from core.platform.errors import ConcurrentEditError, EduDeskError, WriteNotSaved
from core.platform.snils import is_valid
from core.records.journal import JournaledStore
from core.records.tabs import layouts
from core.store import find_row
from core.store.gsheets import RetryPolicy
from tests.conftest import gsheets_store
from tests.sheets_emulator import SheetsEmulator

WRITES, READS = SheetsEmulator.WRITES, SheetsEmulator.READS
TABS = ("Заявки", "Группы", "Слушатели", "Журнал", "ПОУ_ставки", "Программы", "Дорожная_карта")


@pytest.fixture
def sheet(emulator):
    """A Russian-locale Google Sheet with the app's tabs, and the store working on it."""
    store = gsheets_store(emulator)
    store.create_tabs([lay for lay in layouts() if lay.name in TABS])
    emulator.reset_counts()
    return emulator, store


def _application(number: str, last: str, first: str, status: str = "новая") -> dict:
    return {"№ заявки": number, "Код программы": "ПК-001", "Фамилия": last, "Имя": first, "Статус": status}


def _col(emulator, tab: str, header: str) -> int:
    return [emulator.value(tab, 1, c) for c in range(1, 60)].index(header) + 1


# 1 — appended values under the headers as they are when writing ---------------------------------------------------
def test_1_append_goes_under_the_current_headers_after_a_colleague_inserts_a_column(sheet):
    """A column inserted after the page was read does not shift the app's values: «Пётр» stays under «Имя»."""
    emulator, store = sheet
    store.read(["Заявки"])  # the page has the header row in memory
    emulator.insert_column("Заявки", _col(emulator, "Заявки", "Имя"), "Комментарий методиста")
    store.append("Заявки", [{**_application("З-1", "Иванов", "Пётр"), "Телефон": "+7 900 000-00-00"}])
    assert emulator.value("Заявки", 2, _col(emulator, "Заявки", "Имя")) == "Пётр"
    assert emulator.value("Заявки", 2, _col(emulator, "Заявки", "Телефон")) == "+7 900 000-00-00"
    assert emulator.value("Заявки", 2, _col(emulator, "Заявки", "Комментарий методиста")) == ""


# 2 — typed cells read by their column's type ------------------------------------------------------------------------
def test_2_a_date_typed_into_a_text_column_reads_as_the_sheet_shows_it(sheet):
    """«01.03.2026» typed into «Комментарий» reads «01.03.2026», not 46082."""
    emulator, store = sheet
    emulator.set_cell("Дорожная_карта", 2, 1, "1.1")
    emulator.set_cell("Дорожная_карта", 2, 4, "Мероприятие")
    emulator.type_cell("Дорожная_карта", 2, _col(emulator, "Дорожная_карта", "Срок реализации"), "01.03.2026")
    emulator.type_cell("Дорожная_карта", 2, _col(emulator, "Дорожная_карта", "Комментарий"), "01.03.2026")
    row = dict(zip(*_tab(store, "Дорожная_карта"), strict=True))
    assert row["Срок реализации"] == "01.03.2026" and row["Комментарий"] == "01.03.2026"


def test_2_a_date_column_reads_dates_typed_as_dates_or_as_text(sheet):
    """«Дата поступления» reads 2026-03-01 from a date cell; text «01.03.2026» is read by the column's reader."""
    emulator, store = sheet
    emulator.type_cell("Заявки", 2, 2, "01.03.2026")
    emulator.set_cell("Заявки", 3, 2, "01.03.2026")
    tab = store.read(["Заявки"]).tabs["Заявки"]
    assert tab.rows[0][1] == date(2026, 3, 1)
    assert tab.rows[1][1] == "01.03.2026"


def test_2_snils_and_codes_keep_their_leading_zeros(sheet):
    """A СНИЛС stored as 1234567819 in a cell formatted 000-000-000 00 reads 012-345-678 19 and passes its checksum."""
    emulator, store = sheet
    emulator.set_cell("Заявки", 2, 1, 7, number_format={"type": "NUMBER", "pattern": "000"})
    emulator.set_cell("Заявки", 2, _col(emulator, "Заявки", "СНИЛС"), 1234567819,
                      number_format={"type": "NUMBER", "pattern": "000-000-000 00"})
    row = dict(zip(*_tab(store, "Заявки"), strict=True))
    assert row["№ заявки"] == "007"
    assert row["СНИЛС"] == "012-345-678 19" and is_valid(row["СНИЛС"])


def test_2_a_percentage_reads_as_the_number_of_percent(sheet):
    """«80%» in «Мин., %» reads 80 (the rate order then prints «не менее 80 %», not «0,8 %»)."""
    emulator, store = sheet
    emulator.set_cell("ПОУ_ставки", 2, 1, "№ 12")
    emulator.type_cell("ПОУ_ставки", 2, _col(emulator, "ПОУ_ставки", "Мин., %"), "80%")
    emulator.type_cell("ПОУ_ставки", 2, _col(emulator, "ПОУ_ставки", "Макс., %"), "12,5%")
    row = dict(zip(*_tab(store, "ПОУ_ставки"), strict=True))
    assert row["Мин., %"] == 80 and str(row["Макс., %"]) == "12.5"


def _tab(store, name):
    store.invalidate([name])
    tab = store.read([name]).tabs[name]
    return tab.headers, tab.rows[0]


# 3 — never another person's record -------------------------------------------------------------------------------
def _two_applications(emulator, store):
    store.append("Заявки", [_application("З-1", "Иванова", "Анна"), _application("З-2", "Петрова", "Мария")])
    return find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-2")


def test_3_an_update_refused_with_429_is_checked_again_before_it_is_retried(sheet):
    """A row inserted above during the backoff after a 429: the retry finds З-2 where it is now and changes it,
    never З-1 (#26: the write addresses the record, not a row number)."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.fail_next(1, status=429, kinds=WRITES)
    emulator.before(WRITES, lambda e: e.insert_row("Заявки", 2, ["З-0", None, "ПК-001", None, "Новая"]))
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    status = _col(emulator, "Заявки", "Статус")
    assert [emulator.value("Заявки", r, 1) for r in (2, 3, 4)] == ["З-0", "З-1", "З-2"]
    assert [emulator.value("Заявки", r, status) for r in (2, 3, 4)] == ["", "новая", "отклонена"]
    assert [row[4] for row in emulator.grid("Журнал")[1:]] == ["изменение"]


def test_3_a_row_inserted_between_the_check_and_the_write_lands_in_the_record_itself(sheet):
    """No fault at all, but a row lands above between the check and the write: the write still reaches З-2."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.after("batch_update", lambda e: e.insert_row("Заявки", 2, ["З-0", None, "ПК-001", None, "Новая"]))
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    status = _col(emulator, "Заявки", "Статус")
    assert [emulator.value("Заявки", r, status) for r in (2, 3, 4)] == ["", "новая", "отклонена"]
    assert [row[4] for row in emulator.grid("Журнал")[1:]] == ["изменение"]


# 4 — never twice ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fault", ["500 after applying", "answer too late"])
def test_4_an_append_whose_answer_was_lost_is_not_added_twice(emulator, fault):
    """A 500 after Google applied the append, or a timeout: the rows are looked up before anything is resent."""
    store = gsheets_store(emulator)
    store.http.policy = RetryPolicy(max_attempts=5, base_delay=0.001, max_delay=0.005, timeout=0.5)
    store.create_tabs([lay for lay in layouts() if lay.name in ("Заявки", "Журнал")])
    if fault.startswith("500"):
        emulator.fail_next(1, status=500, kinds=WRITES, applied=True)
    else:
        emulator.delay_next(1.5, kinds=WRITES)
    JournaledStore(store, "staff@oiro.ru").append("Заявки", [_application("З-1", "Иванова", "Анна")], "№ заявки")
    assert [row[0] for row in emulator.grid("Заявки")[1:]] == ["З-1"]
    assert len(emulator.grid("Журнал")) == 2
    assert sum(emulator.count(k) for k in WRITES) == 2  # the tabs, then the one append; never resent


@pytest.mark.parametrize("lost", ["pins", "write"])
def test_4_an_update_whose_answer_was_lost_is_recognised_as_done(sheet, lost):
    """A 500 after Google applied a request of the update: its pins say whether the write happened, and nothing
    is written twice."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.reset_counts()
    if lost == "pins":
        emulator.fail_next(1, status=500, kinds=WRITES, applied=True)
    else:
        emulator.after("batch_update", lambda e: e.fail_next(1, status=500, kinds=WRITES, applied=True))
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    assert emulator.value("Заявки", 3, _col(emulator, "Заявки", "Статус")) == "отклонена"
    assert len(emulator.grid("Журнал")) == 1 + 1
    assert sum(1 for kind, _q, body in emulator.bodies if kind == "batch_update"
               and any("appendCells" in r for r in body.get("requests", []))) == 1
    assert not [m for s in emulator.book.sheets for m in s.metadata if m["metadataKey"] == "edudesk.pin"]


# 5 — never half without saying so ------------------------------------------------------------------------------------
def test_5_groups_their_listeners_and_the_journal_go_in_one_request(sheet):
    """Forming groups writes «Группы», «Слушатели» and «Журнал» in one batchUpdate: all of it or none."""
    emulator, store = sheet
    JournaledStore(store, "staff@oiro.ru").append_many(
        {"Группы": [{"Код группы": "Г-1", "Код программы": "ПК-001"}],
         "Слушатели": [{"ID слушателя": f"С-{i}", "Код группы": "Г-1", "ФИО": f"Слушатель {i}"} for i in range(3)]},
        {"Группы": "Код группы", "Слушатели": "ID слушателя"})
    assert sum(emulator.count(k) for k in WRITES) == 1
    assert len(emulator.grid("Группы")) == 2 and len(emulator.grid("Слушатели")) == 4
    assert len(emulator.grid("Журнал")) == 1 + 4


def test_5_a_write_refused_under_a_429_storm_says_nothing_was_saved(sheet):
    """Google answers 429 to every write: the user reads that the change was NOT saved; no tab got part of it."""
    emulator, store = sheet
    emulator.fail_for(60, status=429, kinds=WRITES)
    with pytest.raises(WriteNotSaved) as caught:
        JournaledStore(store, "staff@oiro.ru").append_many(
            {"Группы": [{"Код группы": "Г-1", "Код программы": "ПК-001"}],
             "Слушатели": [{"ID слушателя": "С-1", "Код группы": "Г-1", "ФИО": "Слушатель"}]})
    assert "НЕ сохранено" in str(caught.value) and "Показаны последние" not in str(caught.value)
    assert [len(emulator.grid(t)) for t in ("Группы", "Слушатели", "Журнал")] == [1, 1, 1]


def test_5_an_update_and_its_journal_entry_land_together(sheet):
    """The change and its «Журнал» entry are one request: no change without its entry."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.reset_counts()
    JournaledStore(store, "staff@oiro.ru").update(seen, "№ заявки", {"Статус": "отклонена"})
    carrying = [body["requests"] for kind, _q, body in emulator.bodies if kind == "batch_update"
                and any("updateCells" in r for r in body.get("requests", []))]
    assert len(carrying) == 1 and any("appendCells" in r for r in carrying[0])
    entry = emulator.grid("Журнал")[-1]
    assert "З-2" in entry and "изменение" in entry


# 6 — tabs renamed, added or removed ------------------------------------------------------------------------------------
def test_6_tabs_renamed_and_added_are_seen_after_refresh(sheet):
    """After «Обновить данные» a renamed tab reads as missing (named), and a tab added meanwhile is there."""
    emulator, store = sheet
    store.read(["Заявки", "Госплан"])
    emulator.rename_sheet("Заявки", "Заявки 2025")
    emulator.add_sheet("Госплан", [["Год", "Квота региона"], [2026, 40]])
    store.invalidate()
    tabs = store.read(["Заявки", "Госплан"]).tabs
    assert tabs["Заявки"].exists is False
    assert tabs["Госплан"].exists and tabs["Госплан"].rows == [[2026, 40]]


def test_6_a_renamed_tab_is_seen_after_the_range_error_without_a_refresh(sheet):
    """Without a click: the read that fails with «Unable to parse range» reads the tab list again."""
    emulator, store = sheet
    store.read(["Заявки", "Группы"])
    emulator.rename_sheet("Группы", "Группы (архив)")
    store.invalidate(["Заявки", "Группы"])
    tabs = store.read(["Заявки", "Группы"]).tabs
    assert tabs["Группы"].exists is False and tabs["Заявки"].exists


# 7 — one slow call never blocks a page whose data is cached -----------------------------------------------------------
def test_7_a_slow_read_does_not_hold_up_a_page_with_data_in_memory(emulator):
    """While one read waits for Google, another session gets the data already in memory at once."""
    emulator.add_sheet("Лист", [["Код"], ["A"]])
    store = gsheets_store(emulator, ttl=0)
    store.read(["Лист"])
    arrived, gate = threading.Event(), threading.Event()

    def slow_google(_):
        arrived.set()
        gate.wait(20)

    emulator.before(READS, slow_google)
    slow = threading.Thread(target=store.read, args=(["Лист"],))
    slow.start()
    assert arrived.wait(10)
    answered = []
    fast = threading.Thread(target=lambda: answered.append(store.read(["Лист"])))
    fast.start()
    fast.join(5)
    gate.set()
    slow.join(10)
    assert answered and answered[0].tabs["Лист"].rows == [["A"]]


# 8 — every error in Russian, saying whether anything was saved ------------------------------------------------------------
def test_8_an_error_during_an_update_check_read_is_russian(sheet):
    """A 403 on the check-read is a Russian message, not an APIError traceback."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.fail_next(1, status=403, kinds=WRITES)
    with pytest.raises(EduDeskError, match="Нет доступа.*НЕ сохранено"):
        store.update(seen, "№ заявки", {"Статус": "отклонена"})


def test_8_service_disabled_says_to_enable_the_sheets_api(emulator):
    """403 SERVICE_DISABLED is explained as the Sheets API switched off in the Cloud project, not as sharing."""
    emulator.add_sheet("Лист", [["Код"]])
    store = gsheets_store(emulator)
    emulator.disable_api()
    with pytest.raises(EduDeskError, match="выключен Google Sheets API") as caught:
        store.read(["Лист"])
    assert "доступ" not in str(caught.value)


def test_8_a_protected_range_is_named_in_russian(sheet):
    """A write into a range the owner protected: which range, what to do, no English from Google."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.protect("Заявки", "A3:Z3")
    with pytest.raises(EduDeskError) as caught:
        store.update(seen, "№ заявки", {"Статус": "отклонена"})
    text = str(caught.value)
    assert "защищены" in text and "«Заявки», строки 3" in text and "НЕ сохранено" in text
    assert "protected" not in text


def test_8_creating_tabs_in_a_refused_sheet_is_russian(emulator):
    """init against a sheet the account may only read: Russian message, not Google's APIError."""
    store = gsheets_store(emulator)
    emulator.fail_next(1, status=403, kinds=WRITES)
    with pytest.raises(EduDeskError, match="Нет доступа"):
        store.create_tabs([lay for lay in layouts() if lay.name == "Заявки"])


# 9 — staff formulas in their own columns never block a write ---------------------------------------------------------------
def test_9_a_volatile_formula_in_a_staff_column_does_not_block_updates(sheet):
    """«=ТДАТА()» in a column staff added changes every second; the app's update of «Статус» still goes through."""
    emulator, store = sheet
    seen_row = _two_applications(emulator, store)
    emulator.insert_column("Заявки", 30, "Обновлено")
    emulator.type_cell("Заявки", 3, 30, "=ТДАТА()")
    emulator.set_clock(datetime(2026, 11, 23, 10, 0, 0))
    store.invalidate()
    seen_row = find_row(store.read(["Заявки"]).tabs["Заявки"], "№ заявки", "З-2")
    emulator.set_clock(datetime(2026, 11, 23, 10, 0, 0) + timedelta(seconds=7))
    store.update(seen_row, "№ заявки", {"Статус": "отклонена"})
    assert emulator.value("Заявки", 3, _col(emulator, "Заявки", "Статус")) == "отклонена"


def test_9_a_change_in_a_column_the_app_reads_still_blocks(sheet):
    """The check still guards the app's own columns: a colleague's new «Фамилия» stops the write, named."""
    emulator, store = sheet
    seen = _two_applications(emulator, store)
    emulator.set_cell("Заявки", 3, _col(emulator, "Заявки", "Фамилия"), "Сидорова")
    with pytest.raises(ConcurrentEditError, match="«Фамилия» было «Петрова», стало «Сидорова»"):
        store.update(seen, "№ заявки", {"Статус": "отклонена"})


# 10 — dates written as dates ---------------------------------------------------------------------------------------------------
def test_10_dates_the_app_writes_are_real_dates_beside_those_staff_typed(sheet):
    """The app's date and a typed date are both date cells: they sort and filter together."""
    emulator, store = sheet
    emulator.type_cell("Заявки", 2, 1, "З-1")
    emulator.type_cell("Заявки", 2, 2, "28.02.2026")
    store.append("Заявки", [{**_application("З-2", "Петрова", "Мария"), "Дата поступления": date(2026, 3, 1)}])
    assert emulator.value("Заявки", 3, 2) - emulator.value("Заявки", 2, 2) == 1
    assert emulator.number_format("Заявки", 3, 2)["type"] == "DATE"
    assert emulator.shown("Заявки", 3, 2) == "01.03.2026"


def test_7_a_read_that_began_before_a_write_does_not_hide_the_write(emulator):
    """A read in flight while the app writes: its older answer is not kept, the page shows the new row."""
    emulator.add_sheet("Лист", [["Код"], ["A"]])
    store = gsheets_store(emulator, ttl=60)
    arrived, gate = threading.Event(), threading.Event()

    def slow_google(_):
        arrived.set()
        gate.wait(20)

    emulator.before(READS, slow_google)
    results = []
    reader = threading.Thread(target=lambda: results.append(store.read(["Лист"])))
    reader.start()
    assert arrived.wait(10)
    writer = threading.Thread(target=store.append, args=("Лист", [{"Код": "B"}]))
    writer.start()
    while emulator.grid("Лист")[-1:] != [["B"]] and writer.is_alive():
        threading.Event().wait(0.01)
    gate.set()
    reader.join(10)
    writer.join(10)
    assert results and results[0].tabs["Лист"].rows == [["A"], ["B"]]
    assert store.read(["Лист"]).tabs["Лист"].rows == [["A"], ["B"]]


def test_a_number_taken_in_the_same_moment_is_not_given_twice(sheet):
    """Google has no lock: when another session takes the same № between our check and our write, its claim makes
    Google refuse our write, and we take the next number (#26)."""
    from core.store import Numbering

    emulator, store = sheet
    store.append("Заявки", [_application("З-0001", "Иванова", "Анна")])

    def next_numbers(existing, count):
        used = [int(str(k)[2:]) for k in existing if str(k).startswith("З-")]
        return [f"З-{max(used, default=0) + i:04d}" for i in range(1, count + 1)]

    numbering = Numbering("Заявки", "№ заявки", next_numbers)
    other = gsheets_store(emulator)
    emulator.after(READS, lambda e: other.append_many({"Заявки": [_application(None, "Петрова", "Мария")]},
                                                      numbering))
    written = JournaledStore(store, "staff@oiro.ru").append("Заявки", [_application(None, "Сидорова", "Ольга")],
                                                            numbering=numbering)
    numbers = {row[0]: row[4] for row in emulator.grid("Заявки")[1:]}
    assert numbers == {"З-0001": "Иванова", "З-0002": "Петрова", "З-0003": "Сидорова"}
    assert written[0]["№ заявки"] == "З-0003"
    assert [row[3] for row in emulator.grid("Журнал")[1:]] == ["З-0003"]  # «Ключ»: ours, told once

"""Personal data kept apart (#28, 152-ФЗ ст. 18 ч. 5): with the personal columns on the institute's server, a
group's whole journey — the demo written, applications, groups, files, the order, certificates, the ФИС ФРДО
export, «Проверка» — sends no personal value to Google (counted in every request the emulator received) and
gives the same documents as the one workbook; moving an existing sheet's columns out and back loses nothing."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from core.admission.receive import mark_received, open_files
from core.documents import GROUP_DOCUMENTS, group_context
from core.enrollment.application_form import APPLICATION_NUMBERS
from core.enrollment.certificates import certificate_rows, export_frdo, reg_numbering
from core.enrollment.groups import propose_groups, rows_to_write, waiting_applications
from core.platform.errors import StoreError
from core.platform.values import canonical
from core.records.check_sheet import publish
from core.records.checks import open_workbook, run_all
from core.records.journal import JournaledStore
from core.records.tabs import layouts
from core.setup import initialize
from core.store import XlsxStore, find_row
from core.store.personal_move import move_back, move_out
from core.store.split import SplitStore, personal_places
from sheets_schema import TABS
from tests.conftest import TODAY, gsheets_store
from tests.connect.staff_books import BOOKS, REGISTER, write_book
from tests.sheets_emulator import SheetsEmulator

WHO = "metodist@oiro.example.ru"
START, END = date(2026, 12, 14), date(2026, 12, 25)
NEW_PEOPLE = [("Соколова", "Вера", "Андреевна", date(1979, 3, 14), "112-233-445 95", "sokolova.v@school7.example.ru",
               "+7 912 345-67-01"),
              ("Дьяконов", "Илья", "Сергеевич", date(1985, 10, 2), "198-765-432 10", "dyakonov@school7.example.ru",
               "+7 912 345-67-02")]


def _workbook(store):
    return open_workbook(store.read([t.name for t in TABS]).tabs, TODAY)


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def _journey(store) -> dict:
    """What a manager does for one new group, each step through `store`, and what she downloads."""
    initialize(store, demo=True, today=TODAY, who=WHO)
    journaled = JournaledStore(store, WHO)
    wb = _workbook(store)
    program = next(r.item for r in wb.items("Программы") if r.item.code)
    journaled.append("Заявки", [
        {"Дата поступления": TODAY, "Код программы": program.code, "Фамилия": last, "Имя": first, "Отчество": middle,
         "Дата рождения": born, "СНИЛС": snils, "E-mail": email, "Телефон": phone, "Должность": "учитель",
         "Место работы": "МБОУ СОШ № 7", "Статус": "проверена"}
        for last, first, middle, born, snils, email, phone in NEW_PEOPLE], numbering=APPLICATION_NUMBERS)
    wb = _workbook(store)
    numbers = {r.item.number for r in wb.items("Заявки") if r.item.last_name in {p[0] for p in NEW_PEOPLE}}
    waiting = [a for a in waiting_applications([r.item for r in wb.items("Заявки")],
                                               [r.item for r in wb.items("Слушатели")], program.code)
               if a.number in numbers]
    groups = propose_groups(program.code, waiting, {r.item.code for r in wb.items("Группы")}, START, END)
    journaled.append_many(rows_to_write(groups, [r.item.id for r in wb.items("Слушатели")]))
    code = groups[0].code
    journaled.update(find_row(store.fresh("Группы"), "Код группы", code), "Код группы",
                     {"Куратор": "Петрова Анна Ивановна", "Преподаватель": "Смирнов Олег Петрович"})
    open_files(journaled, code, TODAY)
    mark_received(journaled, code, "consent", TODAY, TODAY)
    mark_received(journaled, code, "contract", TODAY, TODAY)
    files = store.fresh("Личные_дела")
    listeners = [r.item for r in _workbook(store).items("Слушатели") if r.item.group_code == code]
    ids = [p.id for p in listeners]
    journaled.update_many("ID слушателя", [
        (find_row(files, "ID слушателя", lid), {"Уровень образования": "ВО", "Фамилия в документе об образовании":
                                                 listeners[n].full_name.split()[0], "Серия документа об образовании": f"10{n}4",
                                                 "Номер документа об образовании": f"55{n}0917",
                                                 "Дата выдачи документа об образовании": date(2001, 6, 20 + n)})
        for n, lid in enumerate(ids)])
    ctx = group_context(_workbook(store), code)
    order = _pdf_text(GROUP_DOCUMENTS["enrollment-order"].render(ctx))
    people = store.fresh("Слушатели")
    journaled.update_many("ID слушателя", [(find_row(people, "ID слушателя", lid), {"Статус": "завершил"})
                                          for lid in ids])
    wb = _workbook(store)
    new = certificate_rows([r.item for r in wb.items("Слушатели") if r.item.group_code == code],
                           [r.item for r in wb.items("Удостоверения")], END)
    journaled.append("Удостоверения", new, numbering=reg_numbering(END.year))
    wb = _workbook(store)
    records, _ = export_frdo(wb, END.year)
    publish(journaled, TODAY, now=datetime(2026, 11, 23, 9, 0))
    registration = _pdf_text(GROUP_DOCUMENTS["registration-sheet"].render(group_context(wb, code)))
    return {"order": order, "registration": registration, "code": code,
            "frdo": [{k: canonical(v) for k, v in r.values.items()} for r in records],
            "problems": [r.problems for r in records]}


def _personal_values(store) -> tuple[set[str], set[float]]:
    """Every personal value the store holds: texts, and dates as the serial numbers Google's cells carry."""
    texts, serials = set(), set()
    tabs = store.read(list(personal_places())).tabs
    for name, place in personal_places().items():
        for row in tabs[name].as_dicts():
            for header, value in row.items():
                if not place.holds(header) or value in (None, ""):
                    continue
                if isinstance(value, date):
                    serials.add(float((value - date(1899, 12, 30)).days))
                    texts.update({value.strftime("%d.%m.%Y"), value.isoformat()})
                else:
                    texts.add(str(value).strip())
    return texts, serials


def _leaks(bodies, texts: set[str], serials: set[float]) -> list[str]:
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for v in node:
                walk(v, path)
        elif isinstance(node, str):
            found.extend(f"{path}: {t}" for t in texts if len(t) >= 5 and t in node)
        elif isinstance(node, int | float | Decimal) and not isinstance(node, bool) and path.endswith("numberValue") \
                and float(node) in serials:
            found.append(f"{path}: {node}")
    for kind, query, body in bodies:
        walk(body, kind)
        walk(json.loads(json.dumps(query, default=str)), kind)
    return found


def test_a_groups_journey_sends_no_personal_value_to_google_and_gives_the_same_documents(emulator, tmp_path):
    apart = SplitStore(gsheets_store(emulator), XlsxStore(tmp_path / "personal.xlsx"))
    kept_apart = _journey(apart)
    together = _journey(XlsxStore(tmp_path / "edudesk.xlsx"))

    texts, serials = _personal_values(apart)
    assert {p[4] for p in NEW_PEOPLE} <= texts and len(texts) > 100 and WHO in texts  # the scan has what to find
    assert emulator.bodies and _leaks(emulator.bodies, texts, serials) == []
    sent = json.dumps([b for _k, _q, b in emulator.bodies], ensure_ascii=False, default=str)
    assert "@oiro.example.ru" in sent and "m***@oiro.example.ru" in sent  # the journal's «Кто», masked
    assert kept_apart == together
    assert kept_apart["frdo"] and kept_apart["code"] in kept_apart["registration"]
    local_journal = XlsxStore(tmp_path / "personal.xlsx").read(["Журнал"]).tabs["Журнал"].as_dicts()
    assert any(e["Кто"] == WHO for e in local_journal)  # whole on the institute's server


def test_shared_sheet_holds_no_personal_column_and_reads_are_joined(emulator, tmp_path):
    shared = gsheets_store(emulator)
    apart = SplitStore(shared, XlsxStore(tmp_path / "personal.xlsx"))
    initialize(apart, demo=True, today=TODAY, who=WHO)
    for name, place in personal_places().items():
        if place.whole:
            assert name not in shared.tab_names()
        else:
            assert not [h for h in shared.fresh(name).headers if place.holds(h)], name
            joined = apart.read([name]).tabs[name]
            assert all(any(place.holds(h) for h in joined.headers) for h in place.headers)
    applications = apart.read(["Заявки"]).tabs["Заявки"].as_dicts()
    assert sum(1 for r in applications if r["СНИЛС"]) > 10 and isinstance(applications[0]["Дата рождения"], date)


def test_a_personal_value_changed_meanwhile_is_refused_before_anything_is_written(emulator, tmp_path):
    shared = gsheets_store(emulator)
    local = XlsxStore(tmp_path / "personal.xlsx")
    apart = SplitStore(shared, local)
    initialize(apart, demo=True, today=TODAY, who=WHO)
    seen = find_row(apart.fresh("Заявки"), "№ заявки", apart.fresh("Заявки").as_dicts()[0]["№ заявки"])
    colleague = find_row(local.fresh("Заявки"), "№ заявки", seen.values["№ заявки"])
    local.update(colleague, "№ заявки", {"Телефон": "+7 900 000-00-00"})
    before = shared.fresh("Заявки").as_dicts()[0]
    with pytest.raises(StoreError, match="изменили, пока вы её правили"):
        apart.update(seen, "№ заявки", {"Телефон": "+7 900 111-11-11", "Должность": "директор"})
    assert shared.fresh("Заявки").as_dicts()[0] == before  # the shared half was not written either


def _everything(store) -> dict[str, list[dict]]:
    tabs = store.read([t.name for t in TABS]).tabs
    return {n: [{k: canonical(v) for k, v in r.items() if k} for r in d.as_dicts()] for n, d in tabs.items()}


def test_moving_the_columns_out_and_back_leaves_every_value_as_it_was(emulator, tmp_path):
    shared = gsheets_store(emulator)
    initialize(shared, demo=True, today=TODAY, who=WHO)  # a sheet that kept everything in Google
    before = _everything(shared)
    apart = SplitStore(shared, XlsxStore(tmp_path / "personal.xlsx")).prepare(layouts())
    assert apart.personal_abroad(shared.read([t.name for t in TABS]).tabs)

    report = move_out(apart)
    assert report.total > 100
    assert apart.personal_abroad(shared.read([t.name for t in TABS]).tabs) == {}
    for name, place in personal_places().items():
        if not place.whole:
            assert not [h for h in shared.fresh(name).headers if place.holds(h)], name
    assert _everything(apart) == before  # the app reads the same, joined

    texts, serials = _personal_values(apart)
    emulator.bodies.clear()
    back = move_back(apart)
    assert back.total == report.total and not back.orphans
    assert _everything(shared) == before  # every value where it was
    assert _personal_values(XlsxStore(tmp_path / "personal.xlsx")) == (set(), set())
    assert texts and _leaks(emulator.bodies, texts, serials)  # the scan sees values when they do go to Google



@contextmanager
def _staff_google_sheet(tmp_path):
    """The staff's register (tests/connect/staff_books) as a Google Sheet in the emulator; (server, its .xlsx)."""
    server = SheetsEmulator().start()
    try:
        source = write_book(BOOKS[0], tmp_path / "src.xlsx")
        for name in XlsxStore(source).tab_names():
            rows = openpyxl.load_workbook(source)[name].iter_rows(values_only=True)
            server.add_sheet(name, [["" if v is None else v for v in row] for row in rows])
        yield server, source
    finally:
        server.stop()


def test_the_staffs_own_google_sheet_moves_its_personal_columns_out_and_back(tmp_path):
    """Their register («Дата рожд.», «СНИЛС», «Эл. почта», «Тел.» under title rows): the columns leave their tab, the
    mapping follows, the app reads the same; back, under the model's headers, every value as it was."""
    from core.connect.sheet import connected, look, save

    with _staff_google_sheet(tmp_path) as (server, _source):
        save(gsheets_store(server), look(gsheets_store(server)))
        apart = SplitStore(connected(gsheets_store(server)), XlsxStore(tmp_path / "personal.xlsx")).prepare(layouts())
        before = apart.read(["Заявки"]).tabs["Заявки"].as_dicts()
        staff_before = [[v for v in row] for row in server.grid(REGISTER.name)]
        assert sum(1 for r in before if r["СНИЛС"]) >= 3

        moved = move_out(apart)
        assert moved.values["Заявки"] >= 12
        headers = server.grid(REGISTER.name)[4]
        assert not {"Дата рожд.", "СНИЛС", "Эл. почта", "Тел."} & set(headers)
        assert "Примечание" in headers and "ФИО" in headers  # their own column and their one «ФИО» stay
        fresh = SplitStore(connected(gsheets_store(server)), XlsxStore(tmp_path / "personal.xlsx"))
        assert [{k: canonical(v) for k, v in r.items()} for r in fresh.read(["Заявки"]).tabs["Заявки"].as_dicts()] \
            == [{k: canonical(v) for k, v in r.items()} for r in before]
        assert not [f for f in run_all(fresh.read([t.name for t in TABS]).tabs) if f.rule == "GEN-COLUMNS"
                    and f.tab == REGISTER.name]  # the kept mapping follows: no column is «lost»

        back = move_back(fresh)
        assert back.total == moved.total
        again = connected(gsheets_store(server)).read(["Заявки"]).tabs["Заявки"].as_dicts()
        assert [{k: canonical(v) for k, v in r.items()} for r in again] == \
            [{k: canonical(v) for k, v in r.items()} for r in before]
        assert len(server.grid(REGISTER.name)) == len(staff_before)  # no row added or lost


def test_connecting_a_google_sheet_names_its_personal_columns_once_unless_kept_apart(tmp_path):
    from core.connect.sheet import look
    from core.connect.sheet import personal_abroad as abroad_when_connecting
    from core.platform.personal import abroad_warning

    with _staff_google_sheet(tmp_path) as (server, source):
        store = gsheets_store(server)
        proposals = look(store)
        found = abroad_when_connecting(store, proposals)
        assert set(found[REGISTER.name]) == {"Дата рожд.", "СНИЛС", "Эл. почта", "Тел."}
        said = abroad_warning(found, apart=False)
        assert "152-ФЗ ст. 18 ч. 5" in said and "«Дата рожд.»" not in said and "Дата рожд." in said
        assert abroad_when_connecting(SplitStore(store, XlsxStore(tmp_path / "p.xlsx")), proposals) == {}
        assert abroad_when_connecting(XlsxStore(source), look(XlsxStore(source))) == {}  # a workbook on the server

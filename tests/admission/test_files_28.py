"""The listener's file before the order (#28): the order refused with who and what is missing and printed once the
files are complete; no ВО/СПО refused; a withdrawn consent stops letters; ФРДО's education columns from the file."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from core.admission.receive import mark_received, open_files
from core.documents import GROUP_DOCUMENTS, group_context
from core.enrollment.certificates import export_frdo
from core.enrollment.mailings import credentials, info_letters
from core.platform.errors import DocumentIncomplete, EduDeskError
from core.records.checks import open_workbook
from core.records.journal import JournaledStore
from core.store import XlsxStore, find_row
from sheets_schema import TABS
from tests.conftest import TODAY
from tests.rows import findings

ORDER = GROUP_DOCUMENTS["enrollment-order"]


def _wb(path):
    return open_workbook(XlsxStore(path).read([t.name for t in TABS]).tabs, TODAY)


def _last_group(path) -> str:
    return XlsxStore(path).read(["Группы"]).tabs["Группы"].as_dicts()[-1]["Код группы"]


def test_the_order_names_who_and_what_is_missing_and_is_printed_once_the_files_are_complete(workbook_copy):
    code = _last_group(workbook_copy)
    ctx = group_context(_wb(workbook_copy), code)
    missing = " ".join(ORDER.missing(ctx))
    gaps = ctx.file_gaps
    assert len(gaps) == 3
    assert "личные дела неполны у 3" in missing
    assert all(gap.full_name in missing for gap in gaps)
    assert {w for g in gaps for w in g.missing} >= {"согласие на обработку ПДн", "подписанный договор (отметка и дата)",
                                                    "нет высшего или среднего профессионального образования "
                                                    "(273-ФЗ ст. 76 ч. 3)"}
    with pytest.raises(DocumentIncomplete, match="личные дела неполны у 3"):
        ORDER.render(ctx)

    store = JournaledStore(XlsxStore(workbook_copy), "тест")
    assert mark_received(store, code, "consent", TODAY, TODAY) == 1
    assert mark_received(store, code, "contract", TODAY, TODAY) == 1
    files = XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"]
    no_diploma = next(g.listener_id for g in gaps if "273-ФЗ" in " ".join(g.missing))
    XlsxStore(workbook_copy).update(find_row(files, "ID слушателя", no_diploma), "ID слушателя", {
        "Уровень образования": "СПО", "Фамилия в документе об образовании": next(
            g.full_name for g in gaps if g.listener_id == no_diploma).split(" ")[0],
        "Серия документа об образовании": "1111", "Номер документа об образовании": "2222222",
        "Дата выдачи документа об образовании": date(2010, 6, 30)})
    ctx = group_context(_wb(workbook_copy), code)
    assert ctx.file_gaps == []
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(ORDER.render(ctx))).pages)
    assert all(g.full_name in text for g in gaps)


def test_marking_received_keeps_what_staff_typed_and_refuses_when_all_have_it(workbook_copy):
    code = _last_group(workbook_copy)
    store = JournaledStore(XlsxStore(workbook_copy), "тест")
    before = {r["ID слушателя"]: r["Согласие на обработку ПДн получено"]
              for r in XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"].as_dicts()}
    assert mark_received(store, code, "consent", date(2026, 11, 20), TODAY) == 1
    after = {r["ID слушателя"]: r["Согласие на обработку ПДн получено"]
             for r in XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"].as_dicts()}
    changed = {k for k in after if after[k] != before.get(k)}
    assert len(changed) == 1 and after[changed.pop()] == date(2026, 11, 20)
    with pytest.raises(EduDeskError, match="уже отмечено"):
        mark_received(store, code, "consent", TODAY, TODAY)
    with pytest.raises(EduDeskError, match="в будущем"):
        mark_received(store, code, "contract", date(2027, 1, 1), TODAY)
    with pytest.raises(EduDeskError, match="уже заведены"):
        open_files(store, code, TODAY)


def test_files_are_opened_for_the_listeners_who_have_none_in_one_write(workbook_copy):
    """A listener added to the group has no file: marking is refused until it is opened; opening adds just it."""
    code = _last_group(workbook_copy)
    XlsxStore(workbook_copy).append_many({"Слушатели": [{"ID слушателя": "С-9999", "Код группы": code,
                                                        "ФИО": "Новикова Ольга Петровна", "Статус": "обучается"}]})
    store = JournaledStore(XlsxStore(workbook_copy), "тест")
    before = len(XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"].rows)
    with pytest.raises(EduDeskError, match="Сначала заведите личные дела"):
        mark_received(store, code, "consent", TODAY, TODAY)
    assert open_files(store, code, TODAY) == ["С-9999"]
    rows = XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"].as_dicts()
    assert len(rows) == before + 1 and rows[-1]["ID слушателя"] == "С-9999"
    assert mark_received(store, code, "consent", TODAY, TODAY) == 2  # the new one and the planted one


def test_a_withdrawn_consent_stops_letters_to_that_listener(workbook_copy):
    wb = _wb(workbook_copy)
    code = next(r.item.code for r in wb.items("Группы") if r.item.start and r.item.start > TODAY)
    letters, _ = info_letters(wb, code, TODAY)
    person = letters[0]
    listener = next(r.item.id for r in wb.items("Слушатели") if r.item.full_name == person.name)
    files = XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"]
    XlsxStore(workbook_copy).update(find_row(files, "ID слушателя", listener), "ID слушателя",
                                    {"Согласие отозвано": TODAY})
    again, missing = info_letters(_wb(workbook_copy), code, TODAY)
    assert len(again) == len(letters) - 1 and person.to not in {x.to for x in again}
    assert person.name in missing


def test_platform_access_goes_only_to_complete_files(workbook_copy):
    wb = _wb(workbook_copy)
    code = _last_group(workbook_copy)
    letters, left_out = credentials(wb, code, TODAY)
    gaps = group_context(wb, code).file_gaps
    assert {g.full_name for g in gaps} == {x.split(" (")[0] for x in left_out if "личное дело неполно" in x}
    assert not {g.full_name for g in gaps} & {x.name for x in letters}


def test_frdo_takes_the_education_columns_from_the_file_and_names_what_it_lacks(workbook_copy):
    wb = _wb(workbook_copy)
    records, _ = export_frdo(wb, TODAY.year)
    filled = [r for r in records if r.values.get("Уровень образования ВО/СПО")]
    assert filled and {r.values["Уровень образования ВО/СПО"] for r in filled} <= {
        "Высшее образование", "Среднее профессиональное образование"}
    assert all(r.values["Серия документа о ВО/СПО"] and r.values["Номер документа о ВО/СПО"] for r in filled)
    listener = next(r.item.listener_id for r in wb.items("Удостоверения") if r.item.issued and
                    r.item.issued.year == TODAY.year)
    files = XlsxStore(workbook_copy).read(["Личные_дела"]).tabs["Личные_дела"]
    XlsxStore(workbook_copy).update(find_row(files, "ID слушателя", listener), "ID слушателя",
                                    {"Серия документа об образовании": None})
    records, _ = export_frdo(_wb(workbook_copy), TODAY.year)
    record = next(r for r in records if "«Серия документа о ВО/СПО»" in " ".join(r.problems))
    assert "лист «Личные_дела»" in " ".join(record.problems)


def test_rules_with_a_breaking_and_a_passing_row():
    group = {"Код группы": "Г-1", "Код программы": "П", "Дата начала": date(2026, 12, 10),
             "Приказ о зачислении, дата": date(2026, 12, 8)}
    listener = {"ID слушателя": "С-1", "Код группы": "Г-1", "ФИО": "Иванова Анна Павловна"}
    complete = {"ID слушателя": "С-1", "Согласие на обработку ПДн получено": date(2026, 12, 1),
                "Дата договора": date(2026, 12, 1), "Договор подписан": "да", "Уровень образования": "ВО",
                "Фамилия в документе об образовании": "Иванова", "Серия документа об образовании": "1",
                "Номер документа об образовании": "2", "Дата выдачи документа об образовании": date(2000, 6, 1)}
    program = {"Код": "П", "Наименование": "Курс", "Вид": "ПК", "Объём, ч": 36}
    base = {"Программы": [program], "Группы": [group], "Слушатели": [listener]}
    assert findings("ADM-ORDER-FILES", **base, Личные__дела=[complete]) == []
    assert findings("ADM-EDUCATION", **base, Личные__дела=[complete]) == []
    broken = findings("ADM-ORDER-FILES", **base, Личные__дела=[{**complete, "Фамилия в документе об образовании": "Петрова"}])
    assert [f.cell for f in broken] == ["L2"] and "документ о смене фамилии" in broken[0].message
    assert findings("ADM-ORDER-FILES", **base, Личные__дела=[{**complete, "Фамилия в документе об образовании":
                                                              "Петрова", "Документ о смене фамилии": "да"}]) == []
    no = findings("ADM-EDUCATION", **base, Личные__дела=[{**complete, "Уровень образования": "нет"}])
    assert [f.cell for f in no] == ["H2"]
    ahead = {**group, "Приказ о зачислении, дата": None}
    opened = [{"ID слушателя": "С-1"}]  # a file opened, nothing received yet
    late = findings("ADM-DOCS-DUE", date(2026, 12, 8), **{**base, "Группы": [ahead]}, Личные__дела=opened)
    assert [f.cell for f in late] == ["A2"] and "Иванова Анна Павловна" in late[0].message
    assert findings("ADM-DOCS-DUE", date(2026, 12, 6), **{**base, "Группы": [ahead]}, Личные__дела=opened) == []
    assert findings("ADM-DOCS-DUE", date(2026, 12, 8), **{**base, "Группы": [ahead]}, Личные__дела=[complete]) == []

"""A withdrawn consent (#28, 152-ФЗ ст. 9 ч. 2, ст. 21 ч. 5) masks that listener's personal data on every page,
document and export — scanned for each of their values — with a journal line, and leaves the sheet's values and
everyone else's data as they were."""

from __future__ import annotations

import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.admission.withdrawn import ConsentStore, withdraw
from core.connect.sheet import open_app_store
from core.documents import GROUP_DOCUMENTS, WORKBOOK_DOCUMENTS, group_context
from core.enrollment.certificates import export_frdo
from core.enrollment.moodle import upload_users_csv
from core.platform.config import Settings
from core.platform.errors import DocumentIncomplete, EduDeskError
from core.records.checks import open_workbook, run_all
from core.records.journal import JournaledStore
from core.store import XlsxStore, find_row
from sheets_schema import TABS
from tests.conftest import TODAY
from tests.pages.audit import APP_PAGES
from tests.pages.test_first_day import tour

ALL = [t.name for t in TABS]
ADMIN = "admin@oiro.example.ru"


def _subject(path: Path) -> tuple[str, str, str]:
    """A listener with a file, an application with every personal value, and letters sent to them."""
    tabs = XlsxStore(path).read(ALL).tabs
    files = {r["ID слушателя"] for r in tabs["Личные_дела"].as_dicts() if r.get("Серия документа об образовании")}
    apps = {r["№ заявки"]: r for r in tabs["Заявки"].as_dicts()}
    sent = {r["Кому"] for r in tabs["Рассылки"].as_dicts()}
    for person in tabs["Слушатели"].as_dicts():
        app = apps.get(person["№ заявки"])
        if person["ID слушателя"] in files and app and all(app.get(h) for h in ("СНИЛС", "Телефон", "Дата рождения")) \
                and app.get("E-mail") in sent:
            return person["ID слушателя"], person["Код группы"], app["№ заявки"]
    raise AssertionError("the demo has no listener with every personal value")


def _values_of(path: Path, listener: str, number: str) -> set[str]:
    tabs = XlsxStore(path).read(ALL).tabs
    app = next(r for r in tabs["Заявки"].as_dicts() if r["№ заявки"] == number)
    file = next(r for r in tabs["Личные_дела"].as_dicts() if r["ID слушателя"] == listener)
    values = {app["СНИЛС"], app["Телефон"], app["E-mail"], file["Серия документа об образовании"],
              file["Номер документа об образовании"]}
    for day in (app["Дата рождения"], file["Дата выдачи документа об образовании"]):
        values |= {day.strftime("%d.%m.%Y"), day.isoformat()}
    digits = re.sub(r"\D", "", app["СНИЛС"])
    return {str(v) for v in values} | {digits, re.sub(r"\D", "", app["Телефон"])[-10:]}


@pytest.fixture
def withdrawn(workbook_copy, monkeypatch):
    listener, group, number = _subject(workbook_copy)
    values = _values_of(workbook_copy, listener, number)
    store = ConsentStore(XlsxStore(workbook_copy))
    withdraw(JournaledStore(store, ADMIN), listener, TODAY, TODAY)
    monkeypatch.setenv("EDUDESK_WORKBOOK", str(workbook_copy))
    return workbook_copy, listener, group, number, values


def _texts_of(data: bytes) -> str:
    if data[:4] == b"%PDF":
        return "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    if data[:2] == b"PK":
        with zipfile.ZipFile(BytesIO(data)) as z:
            return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return data.decode("utf-8", "replace")


def _leaks(text: str, values: set[str]) -> list[str]:
    flat = re.sub(r"\D", "", text)
    return sorted(v for v in values if v in text or (v.isdigit() and len(v) >= 10 and v in flat))


def test_the_withdrawal_is_journaled_and_the_sheet_keeps_its_values(withdrawn):
    path, listener, _group, number, values = withdrawn
    journal = XlsxStore(path).read(["Журнал"]).tabs["Журнал"].as_dicts()
    assert any(e["Лист"] == "Личные_дела" and e["Ключ"] == listener and "Согласие отозвано" in e["Стало"]
               for e in journal)
    raw = XlsxStore(path).read(ALL).tabs
    assert _leaks(" ".join(str(v) for r in raw["Заявки"].rows for v in r), values)  # the sheet still holds them
    with pytest.raises(EduDeskError, match="уже отмечен"):
        withdraw(JournaledStore(ConsentStore(XlsxStore(path)), ADMIN), listener, TODAY, TODAY)


def _documents(path: Path, group: str) -> dict[str, bytes]:
    """Every document and export of the group, as the app (its store) makes them."""
    store = open_app_store(Settings(workbook=path, secrets_file=path.parent / "нет.toml"))
    wb = open_workbook(store.read(ALL).tabs, TODAY)
    made = {}
    ctx = group_context(wb, group)
    for name, document in GROUP_DOCUMENTS.items():
        try:
            made[name] = document.render(ctx)
        except DocumentIncomplete:
            continue
    for name in ("sed-founder-letter", "sed-applications-request"):
        made[name] = WORKBOOK_DOCUMENTS[name][1](wb, {"group": group})
    made["frdo"] = export_frdo(wb, TODAY.year)[1]
    listeners = [r.item for r in wb.items("Слушатели") if r.item.group_code == group]
    made["moodle"] = upload_users_csv(listeners, {r.item.number: r.item for r in wb.items("Заявки")}, "курс")[0]
    return {k: v for k, v in made.items() if v}


def test_every_document_and_export_of_the_group_is_scanned_clean(demo_workbook, tmp_path):
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    listener, group, number = _subject(path)
    values = _values_of(path, listener, number)
    before = {name: _leaks(_texts_of(data), values) for name, data in _documents(path, group).items()}
    assert {name for name, found in before.items() if found}  # they are in the group's documents while consent stands
    withdraw(JournaledStore(ConsentStore(XlsxStore(path)), ADMIN), listener, TODAY, TODAY)
    made = _documents(path, group)
    assert len(made) >= 6
    leaks = {name: _leaks(_texts_of(data), values) for name, data in made.items()}
    assert not {name: found for name, found in leaks.items() if found}
    # the masking is no new finding: the rules read a masked value as empty, never as «не читается»
    store = open_app_store(Settings(workbook=path, secrets_file=path.parent / "нет.toml"))
    assert not [f for f in run_all(store.read(ALL).tabs, TODAY) if f.rule == "GEN-CELL"]


def test_every_page_shows_none_of_their_personal_values(demo_workbook, tmp_path, monkeypatch):
    path = tmp_path / "edudesk.xlsx"
    shutil.copy(demo_workbook, path)
    listener, _group, number = _subject(path)
    values = _values_of(path, listener, number)
    before = tour(monkeypatch, {}, path, pages=APP_PAGES, user=ADMIN)
    shown = {page for page, v in before.items() if _leaks(v.texts, values)}
    assert shown  # the pages do show this person's data to an administrator while the consent stands
    withdraw(JournaledStore(ConsentStore(XlsxStore(path)), ADMIN), listener, TODAY, TODAY)
    visits = tour(monkeypatch, {}, path, pages=APP_PAGES, user=ADMIN)
    assert not [page for page, v in visits.items() if v.exceptions]
    leaks = {page: _leaks(v.texts, values) for page, v in visits.items()}
    assert not {page: found for page, found in leaks.items() if found}, shown


def test_a_masked_row_is_still_edited_by_key_and_its_values_stay(withdrawn):
    path, _listener, _group, number, values = withdrawn
    store = ConsentStore(XlsxStore(path))
    seen = find_row(store.fresh("Заявки"), "№ заявки", number)
    assert "***" in str(seen.values["СНИЛС"])
    JournaledStore(store, ADMIN).update(seen, "№ заявки", {"Должность": "директор", "СНИЛС": None})
    row = find_row(XlsxStore(path).fresh("Заявки"), "№ заявки", number).values
    assert row["Должность"] == "директор" and str(row["СНИЛС"]) in values  # not emptied by a form that never saw it
    with pytest.raises(EduDeskError, match="согласие на обработку персональных данных отозвано"):
        store.update(find_row(store.fresh("Заявки"), "№ заявки", number), "№ заявки", {"Телефон": "+7 900 1"})

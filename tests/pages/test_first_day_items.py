"""The numbered defects of «a first day without a traceback», each driven as a person would hit it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from core.documents import GROUP_DOCUMENTS, group_context
from core.platform.errors import DocumentIncomplete
from core.records.checks import all_rules, open_workbook
from core.store import XlsxStore
from sheets_schema import TABS

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
ALL = [t.name for t in TABS]


def _wb(path):
    return open_workbook(XlsxStore(path).read(ALL).tabs)


# 3. the workbook deleted, half-copied or replaced by an .ods while the app runs ------------------------------------
def _half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _ods(path: Path) -> None:
    """What LibreOffice's «Save as .ods» leaves under the same name: an OpenDocument zip."""
    import zipfile

    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")


@pytest.mark.parametrize("damage, said", [(Path.unlink, "не найдена"), (_half, "записан не до конца"),
                                          (_ods, "OpenDocument (.ods)")])
def test_a_workbook_damaged_while_the_app_runs_is_named_on_every_page(damage, said, app_on, workbook_copy):
    """Every page says in Russian what happened to the file; none shows a traceback; a click on a write button
    of a page drawn before the damage writes nothing and says why."""
    from tests.pages.audit import APP_PAGES

    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2026-002").run()
    damage(workbook_copy)
    at.selectbox(key="card_step").set_value("5.3.1")
    at.button(key="FormSubmitter:mark_step-Отметить").click().run()
    assert not at.exception and any(said in e.value for e in at.error), [e.value for e in at.error]
    static = {"app_pages/help.py", "app_pages/calculators.py"}  # these don't read the workbook
    for page in APP_PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert page in static or any(said in e.value for e in at.error), page


# 4. documents with blanks where data belongs -------------------------------------------------------------------
def test_a_group_whose_programme_is_missing_gets_no_order_with_placeholders(app_on, workbook_copy):
    """Without its programme a group's order and certificates are refused, naming what is missing — the old
    «по программе «(программа ПК-001 не найдена)» в объёме ___ ч» is never printed."""
    book = openpyxl.load_workbook(workbook_copy)
    sheet = book["Программы"]
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row=row, column=1).value == "ПК-001":
            sheet.delete_rows(row)
    book.save(workbook_copy)
    ctx = group_context(_wb(workbook_copy), "ПК-001-01")
    for kind in ("enrollment-order", "certificates", "expulsion-order", "info-letter"):
        with pytest.raises(DocumentIncomplete, match="программы «ПК-001» группы ПК-001-01 нет на листе «Программы»"):
            GROUP_DOCUMENTS[kind].render(ctx)
    at = app_on(workbook_copy)
    at.switch_page("app_pages/group_documents.py").run()
    at.selectbox(key="doc_group").set_value("ПК-001-01").run()
    assert not at.exception and not [b for b in at.button if b.key == "build_pdf"]
    assert any("не сформировать" in w.value and "«Программы»" in w.value for w in at.warning)


def test_an_institution_without_its_name_gets_no_document(demo_workbook, tmp_path):
    """«Полное наименование» empty on «Настройки»: the order says so instead of «Наименование учреждения»."""
    path = tmp_path / "w.xlsx"
    shutil.copy(demo_workbook, path)
    book = openpyxl.load_workbook(path)
    for row in book["Настройки"].iter_rows(min_row=2):
        if row[0].value in ("Полное наименование", "Город"):
            row[1].value = None
    book.save(path)
    ctx = group_context(_wb(path), "ПК-001-01")
    with pytest.raises(DocumentIncomplete, match="не заполнено: «Полное наименование», «Город»"):
        GROUP_DOCUMENTS["enrollment-order"].render(ctx)


def _mark_531(app_on, workbook_copy) -> AppTest:
    """Step 5.3.1 of ПОУ-2026-002 marked done on its card, as a methodist does it."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/paid_card.py").run()
    at.selectbox(key="card_service").set_value("ПОУ-2026-002").run()
    at.selectbox(key="card_step").set_value("5.3.1")
    at.button(key="FormSubmitter:mark_step-Отметить").click().run()
    return at


# 5. a write shows its result; a second click acts on what is shown -----------------------------------------------
def test_mark_twice_never_marks_a_step_nobody_chose(app_on, workbook_copy):
    """Marking 5.3.1 reloads the card with 5.3.1 done and nothing chosen; pressing «Отметить» again marks nothing
    (before, the select fell back to the next step and marked it)."""
    at = _mark_531(app_on, workbook_copy)
    assert not at.exception and at.success[0].value == "Шаг 5.3.1 отмечен выполненным."
    assert at.selectbox(key="card_step").value is None and "5.3.1" not in at.selectbox(key="card_step").options
    at.button(key="FormSubmitter:mark_step-Отметить").click().run()
    assert any(e.value == "Выберите шаг, который выполнен." for e in at.error)
    steps = XlsxStore(workbook_copy).read(["ПОУ_этапы"]).tabs["ПОУ_этапы"]
    assert [r[1] for r in steps.rows if r[0] == "ПОУ-2026-002" and r[1].startswith("5.3.")] == ["5.3.1"]


def test_a_step_marked_elsewhere_in_the_meantime_is_not_marked_twice(workbook_copy):
    from core.paid.rules import mark_step
    from core.platform.errors import EduDeskError
    from core.records.journal import JournaledStore

    store = JournaledStore(XlsxStore(workbook_copy), "metodist@oiro.example.ru")
    mark_step(store, "ПОУ-2026-002", "5.3.1", __import__("datetime").date(2026, 11, 23))
    with pytest.raises(EduDeskError, match="уже отмечен"):
        mark_step(store, "ПОУ-2026-002", "5.3.1", __import__("datetime").date(2026, 11, 23))


# 7. numbers typed the Russian way ---------------------------------------------------------------------------------
def test_calculators_read_a_decimal_comma_and_refuse_a_typo(app_on, workbook_copy):
    """«72,5» hours × 25 × «152,50» ₽ is 276 406,25 ₽ (before: 725 h and 15 250 ₽); «7x» is refused, not guessed."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/calculators.py").run()
    at.text_input(key="svc_hours").set_value("72,5").run()
    at.text_input(key="svc_rate").set_value("152,50").run()
    assert at.metric[0].value == "276\u00a0406,25\u00a0₽"
    at.text_input(key="svc_rate").set_value("1 234,5").run()
    assert at.metric[0].value == "2\u00a0237\u00a0531,25\u00a0₽"
    at.text_input(key="svc_hours").set_value("7x").run()
    assert not at.exception and any("«Часов»: не похоже на число" in e.value for e in at.error)
    assert not [m for m in at.metric if m.label == "Стоимость услуги"]


# 10–11. Russian words and numbers ----------------------------------------------------------------------------------
def test_no_rule_cites_the_developers_domain_file():
    """«Основание» is a clause staff can look up, never «DOMAIN §7»."""
    assert not [r.id for r in all_rules() if "DOMAIN" in r.clause]


def test_the_append_button_counts_in_russian(app_on, workbook_copy):
    from tests.forms import GOOD, filled_form

    programs = [r.item for r in _wb(workbook_copy).items("Программы")]
    at = app_on(workbook_copy)
    at.switch_page("app_pages/applications.py").run()
    at.file_uploader(key="forms").set_value(("школа.xlsx", filled_form(programs, GOOD), "application/octet-stream")).run()
    assert at.button(key="append_applications").label == "Добавить 3 заявки на лист «Заявки»"


def test_a_clerk_is_not_told_to_edit_the_secrets_file(app_on, workbook_copy, monkeypatch):
    monkeypatch.setenv("EDUDESK_DEV_USER", "metodist@oiro.example.ru")
    at = app_on(workbook_copy)
    at.switch_page("app_pages/mailings.py").run()
    texts = " ".join(w.value for w in at.warning)
    assert "администратор должен подключить почтовый сервер" in texts and "secrets" not in texts
    assert not [b for b in at.button if b.key == "mail_send"]


# 12. what is cut off can be read -----------------------------------------------------------------------------------
def test_a_chosen_finding_is_shown_in_full(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/checks.py").run()
    table = at.dataframe[0].value
    at.session_state["findings_table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    message = table.loc[3, "Что не так"]
    assert any(message[:60] in e.value and "Основание:" in e.value for e in [*at.error, *at.warning])


# the frame: an unforeseen error is said in Russian, logged without its text -----------------------------------
def test_an_unforeseen_error_is_a_russian_message_and_a_log_line_without_data(app_on, workbook_copy, monkeypatch,
                                                                             caplog):
    import core.enrollment.progress
    from ui.frame import CRASH

    secret = "ivanova@example.ru 123-456-789 01"  # what an error's text could quote from a cell

    def broken(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setenv("EDUDESK_SHOW_ERRORS", "0")
    monkeypatch.setattr(core.enrollment.progress, "performance", broken)
    at = app_on(workbook_copy)
    with caplog.at_level(logging.ERROR, logger="edudesk.pages"):
        at.switch_page("app_pages/progress.py").run()
    assert not at.exception and any(e.value == CRASH for e in at.error)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged and "ivanova@example.ru" not in logged and "123-456-789" not in logged


def test_a_write_recreates_a_deleted_journal_and_records_itself(app_on, workbook_copy):
    """Someone deleted «Журнал»: the next write from a page is neither refused nor left unrecorded."""
    book = openpyxl.load_workbook(workbook_copy)
    del book["Журнал"]
    book.save(workbook_copy)
    at = _mark_531(app_on, workbook_copy)
    assert not at.exception and at.success[0].value == "Шаг 5.3.1 отмечен выполненным."
    journal = XlsxStore(workbook_copy).read(["Журнал"]).tabs["Журнал"]
    assert journal.exists and [r[journal.headers.index("Лист")] for r in journal.rows] == ["ПОУ_этапы"]

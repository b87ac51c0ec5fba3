"""Every group document: a real PDF, A4, Cyrillic text where expected, page numbers only when it runs over a page."""

import io

import pytest
from pypdf import PdfReader

from core.documents import GROUP_DOCUMENTS, group_context
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store import XlsxStore
from sheets_schema import TABS

FINISHED, RUNNING, BIG = "ПК-001-01", "ПК-008-01", "ПК-003-02"


@pytest.fixture(scope="module")
def wb(demo_workbook):
    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs)


def _pdf(wb, kind, group):
    data = GROUP_DOCUMENTS[kind].render(group_context(wb, group))
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("kind, group, expected", [
    ("enrollment-order", FINISHED, ["ПРИКАЗ", "О зачислении слушателей", "ПРИКАЗЫВАЮ:", "Е.В. Смирнова", "Калуга"]),
    ("expulsion-order", FINISHED, ["Об отчислении слушателей и выдаче удостоверений", "2026-0001", "ПРИКАЗЫВАЮ:"]),
    ("registration-sheet", RUNNING, ["ЛИСТ РЕГИСТРАЦИИ СЛУШАТЕЛЕЙ", "Подпись", "Куратор группы"]),
    ("badges", RUNNING, ["Группа ПК-008-01", "ГАУ ДПО «ОИРО»"]),
    ("attendance", RUNNING, ["ЛИСТ ПОСЕЩАЕМОСТИ", "присутствовал"]),
    ("statement", RUNNING, ["ВЕДОМОСТЬ УСПЕВАЕМОСТИ", "Модуль 1", "Итоговый тест"]),
    ("certificates", FINISHED, ["УДОСТОВЕРЕНИЕ", "о повышении квалификации", "2026-0001", "О.П. Кузнецова"]),
    ("certificate-register", FINISHED, ["РЕЕСТР ВЫДАННЫХ УДОСТОВЕРЕНИЙ", "лично", "2026-0001"]),
    ("info-letter", RUNNING, ["Информационное письмо о начале обучения", "согласие на обработку персональных данных"]),
    ("reminder-letter", RUNNING, ["Напоминание о первом занятии", "https://t.me/+oiro_пк_008_01"]),
])
def test_each_document_has_its_russian_text(wb, kind, group, expected):
    """The produced PDF contains the document's own Cyrillic words and the group's data."""
    reader = _pdf(wb, kind, group)
    text = " ".join(_text(reader).split())
    for phrase in expected:
        assert phrase in text, phrase
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert sorted((round(width), round(height))) == [595, 842]  # A4 in points


def test_all_listeners_are_in_the_enrollment_order(wb):
    """Every listener of the group is listed in the order."""
    ctx = group_context(wb, BIG)
    text = " ".join(_text(_pdf(wb, "enrollment-order", BIG)).split())
    assert all(p.full_name in text for p in ctx.listeners) and len(ctx.listeners) == 27


def test_page_numbers_only_on_multipage_documents(wb):
    """The 27-person order runs to two pages, numbered; a one-page letter carries no number."""
    order = _pdf(wb, "enrollment-order", BIG)
    assert len(order.pages) == 2
    assert [p.extract_text().split()[-1] for p in order.pages] == ["1", "2"]
    letter = _pdf(wb, "reminder-letter", RUNNING)
    assert len(letter.pages) == 1 and letter.pages[0].extract_text().split()[-1] != "1"


def test_badges_are_eight_to_a_page_and_certificates_one_each(wb):
    """ceil(n / 8) badge pages; one certificate page per numbered listener."""
    ctx = group_context(wb, BIG)
    assert len(_pdf(wb, "badges", BIG).pages) == -(-len(ctx.listeners) // 8)
    finished = group_context(wb, FINISHED)
    numbered = [p for p in finished.listeners if p.id.casefold() in finished.certificates]
    assert len(_pdf(wb, "certificates", FINISHED).pages) == len(numbered)


def test_fonts_are_embedded_pt_serif(wb):
    """The Cyrillic font is PT Serif from its PyPI package, embedded in the file."""
    reader = _pdf(wb, "info-letter", RUNNING)
    fonts = {str(f["/BaseFont"]) for f in (reader.pages[0]["/Resources"]["/Font"].get_object().values())}
    assert any("PTSerif" in f for f in fonts)


def test_documents_that_cannot_be_made_say_why(wb):
    """No completed listeners → no expulsion order; no certificates yet → no certificate PDF; in Russian."""
    with pytest.raises(EduDeskError, match="завершил"):
        _pdf(wb, "expulsion-order", RUNNING)
    with pytest.raises(EduDeskError, match="регистрационных номеров"):
        _pdf(wb, "certificates", RUNNING)


def test_certificates_report_progress(wb):
    """Batch generation reports each page, for the page's progress bar."""
    seen = []
    GROUP_DOCUMENTS["certificates"].render(group_context(wb, FINISHED), progress=lambda i, n: seen.append((i, n)))
    assert seen[0] == (1, seen[0][1]) and seen[-1][0] == seen[-1][1] == len(seen)


def test_12_the_curator_is_named_in_the_accusative_and_certificates_say_proshel_or_proshla(wb):
    """#15.12: «Назначить куратором … Ларионову Ларису Григорьевну» (was the nominative), and each certificate says
    «прошёл» or «прошла» by the listener's «Пол» or name (was «прошёл(а)» for everyone) — petrovich rules."""
    from core.platform.names import Case, inflect

    ctx = group_context(wb, FINISHED)
    order = " ".join(_text(_pdf(wb, "enrollment-order", FINISHED)).split())
    accusative = inflect(ctx.group.curator, Case.ACCUSATIVE)
    assert accusative != ctx.group.curator and f"куратором учебной группы {FINISHED} {accusative}." in order
    assert inflect("Ларионова Лариса Григорьевна", Case.ACCUSATIVE) == "Ларионову Ларису Григорьевну"
    assert inflect("Воронцов Пётр Ильич", Case.ACCUSATIVE) == "Воронцова Петра Ильича"
    reader = _pdf(wb, "certificates", FINISHED)
    numbered = [p for p in ctx.listeners if p.id.casefold() in ctx.certificates]
    for person, page in zip(numbered, reader.pages, strict=True):
        text = " ".join(page.extract_text().split())
        female = person.full_name.split()[2].endswith("вна")
        assert ("прошла" if female else "прошёл ") in text and "прошёл(а)" not in text, person.full_name

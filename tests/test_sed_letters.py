"""Letters for СЭД «Садко»: the lists to the Founder and the applications request, as PDF and as .docx."""

import io

import docx
import pytest
from pypdf import PdfReader

from core.checks import open_workbook
from core.documents import sed_letters as sed
from core.errors import EduDeskError
from core.store import XlsxStore
from sheets_schema import TABS


@pytest.fixture(scope="module")
def wb(demo_workbook):
    return open_workbook(XlsxStore(demo_workbook).read([t.name for t in TABS]).tabs)


def _pdf_text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _docx_text(data):
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


def test_founder_letter(wb):
    """The letter names the Founder, the group and lists every listener, in PDF and in Word alike."""
    letter = sed.founder_letter(wb, "ПК-001-01")
    names = [row[1] for row in letter.table[1]]
    for text in (_pdf_text(sed.to_pdf(wb, letter)), _docx_text(sed.to_docx(wb, letter))):
        assert "О согласовании списков слушателей" in text and "Министерство образования и науки области" in text
        assert "ПК-001-01" in text and all(name in text for name in names)


def test_applications_request_lists_programs(wb):
    """The request names the e-mail for applications and every program; the form is its attachment."""
    text = _pdf_text(sed.to_pdf(wb, sed.applications_request(wb)))
    assert "О сборе заявок" in text and "kursy@oiro.example.ru" in text and "ПК-008" in text
    assert "Приложение: форма сбора заявок" in _docx_text(sed.to_docx(wb, sed.applications_request(wb)))


def test_empty_group_is_a_russian_error(wb):
    """An unknown group is named in Russian."""
    with pytest.raises(EduDeskError, match="Нет группы"):
        sed.founder_letter(wb, "НЕТ")

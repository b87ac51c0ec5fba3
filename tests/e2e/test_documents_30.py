"""Issue #30 item 7: the letters for СЭД are laid out when their button is clicked, not on every run of the page —
and what the click gives is the whole file (Debian's chromium, a real download)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.e2e.conftest import open_page


def test_30_the_founder_letter_is_made_on_the_click_and_downloads_whole(page, server):
    open_page(page, server, "group_documents")
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Письмо учредителю (PDF)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    assert pdf.value.suggested_filename.startswith("письмо_учредителю_")
    with page.expect_download() as word:
        page.get_by_role("button", name="Письмо учредителю (.docx)").click()
    with zipfile.ZipFile(io.BytesIO(Path(word.value.path()).read_bytes())) as package:
        assert "word/document.xml" in package.namelist() and "word/fonts/font1.odttf" in package.namelist()


def test_30_the_exam_reports_are_made_on_the_click(page, server):
    """«Расходы и отчёты» composes App 1, App 2 and the §12.1 report and lays each out only when clicked."""
    open_page(page, server, "exam_costs")
    for label, start in (("Приложение 1: отчёт о проведении (PDF)", b"%PDF"), ("Приложение 1 (.xlsx)", b"PK"),
                         ("Приложение 2: финансирование (PDF)", b"%PDF"), ("П. 12.1: целевые показатели (PDF)", b"%PDF")):
        with page.expect_download() as caught:
            page.get_by_role("button", name=label).click()
        assert Path(caught.value.path()).read_bytes().startswith(start), label

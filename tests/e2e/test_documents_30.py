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

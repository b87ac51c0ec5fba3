"""docs/check-sheet.png: the «Проверка» tab as LibreOffice (headless) shows it to staff (`make previews`).

A demo workbook gets its tab from the real `publish`; a copy with only that tab, landscape and fitted to the
page width, goes through LibreOffice to PDF, and pdftoppm makes the first page a PNG.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import areas  # noqa: E402
from core.records.check_sheet import TAB, publish  # noqa: E402
from core.setup import initialize  # noqa: E402
from core.store import XlsxStore  # noqa: E402
from tools.sheet_print import libreoffice, printed_sheet  # noqa: E402 - the repository's root is on the path just above

areas.load()  # every area's rules and numberings, as the app and the CLI load them

TODAY = date(2026, 11, 23)


def main(out: Path = Path("docs/check-sheet.png")) -> None:
    soffice = libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = work / "edudesk.xlsx"
        initialize(XlsxStore(path), demo=True, today=TODAY)
        publish(XlsxStore(path), TODAY, datetime(2026, 11, 23, 9, 0))
        book = openpyxl.load_workbook(path)
        book[TAB].print_area = f"A1:J{min(book[TAB].max_row, 18)}"
        printed_sheet(soffice, book, TAB, work, "check-sheet").save(out)
    print(out)


if __name__ == "__main__":
    main()

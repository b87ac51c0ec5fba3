"""docs/grid-marks.png: the «шахматка» of attendance the staff keep, as LibreOffice prints it before and after the
app's attendance form marks the class of 05.03 (`make previews`): the marks stand in the listeners' rows under that
date, in the staff's own «+»/«н», and no other cell changed (#25).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.enrollment.attendance import mark_class  # noqa: E402 - the repository's root is on the path just above
from tests.connect.helpers import connect_book  # noqa: E402
from tests.connect.staff_books import ATTENDANCE_GRID, GROUPS, LISTENERS, StaffBook, write_book  # noqa: E402
from tools.sheet_print import before_and_after, libreoffice, printed_sheet  # noqa: E402


def _page(soffice: str, book: Path, work: Path) -> Image.Image:
    workbook = openpyxl.load_workbook(book)
    for column, width in zip("ABCDEFG", (5, 28, 8, 8, 8, 8, 22), strict=True):
        workbook[ATTENDANCE_GRID.name].column_dimensions[column].width = width
    return printed_sheet(soffice, workbook, ATTENDANCE_GRID.name, work, f"print-{book.stem}", resolution=130)


def main(out: Path = Path("docs/grid-marks.png")) -> None:
    from core import areas

    areas.load()  # the form checks the marks with every area's rules before writing, as the page does
    soffice = libreoffice()
    rows = [r[:5] + [""] + r[6:] for r in ATTENDANCE_GRID.rows]  # the class of 05.03 not marked yet
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        grid = replace(ATTENDANCE_GRID, rows=rows)
        before = write_book(StaffBook("Журнал", [grid, LISTENERS, GROUPS]), work / "before.xlsx")
        after = work / "after.xlsx"
        shutil.copy(before, after)
        group = SimpleNamespace(code="Г-01", start=date(2026, 3, 2), end=date(2026, 3, 13))
        mark_class(connect_book(after), group, date(2026, 3, 5), ["С-001", "С-002"], {"С-001"}, date(2026, 3, 5))
        before_and_after([_page(soffice, before, work), _page(soffice, after, work)], out)
    print(out)


if __name__ == "__main__":
    main()

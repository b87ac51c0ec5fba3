"""docs/official-form.png: a certificates journal kept as an official form — a row of the columns' numbers under the
header, the group merged once down its records, the signature and «М.П.» under them — as LibreOffice prints it
before and after the app adds a record (`make previews`): the record stands under the last one, above the
signature, with the next «№ п/п»; the numbers and the merged group are as they were (#25).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Side
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.connect.helpers import connect_book  # noqa: E402 - the repository's root is on the path just above
from tests.connect.staff_books import StaffBook, write_book  # noqa: E402
from tests.connect.twenty_eighth_books import CERTIFICATES  # noqa: E402
from tools.sheet_print import picture_of_a_write, printed_sheet  # noqa: E402

SHEET = CERTIFICATES.name  # header in row 4, the row of numbers in 5, records in 6–8, the signature in 10–11
NEW = {"Регистрационный №": "28-0104", "Серия и номер бланка": "662400 0000814", "ID слушателя": "Л-2804",
       "Код группы": "Г-28-01", "Дата выдачи": date(2028, 3, 4), "Получено": "лично"}


def _as_kept(book: Path) -> None:
    """The office's look: the group merged once down its three records, the table drawn in thin lines."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[SHEET]
    sheet["E7"], sheet["E8"] = None, None
    sheet.merge_cells("E6:E8")
    sheet["E6"].alignment = Alignment(vertical="center", horizontal="center")
    thin = Side(style="thin")
    for row in sheet.iter_rows(min_row=4, max_row=8, max_col=len(CERTIFICATES.headers)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook.save(book)


def _page(soffice: str, book: Path, work: Path) -> Image.Image:
    workbook = openpyxl.load_workbook(book)
    for column, width in zip("ABCDEFGH", (6, 14, 17, 13, 10, 12, 15, 12), strict=True):
        workbook[SHEET].column_dimensions[column].width = width
    return printed_sheet(soffice, workbook, SHEET, work, f"print-{book.stem}", resolution=130)


def _before(work: Path) -> Path:
    book = write_book(StaffBook("Удостоверения", [CERTIFICATES]), work / "before.xlsx")
    _as_kept(book)
    return book


def main(out: Path = Path("docs/official-form.png")) -> None:
    picture_of_a_write(out, _before, lambda after: connect_book(after).append("Удостоверения", [NEW]), _page)


if __name__ == "__main__":
    main()

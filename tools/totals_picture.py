"""docs/totals-above.png: a staff tab with «Итого» under its records, as LibreOffice prints it before and after the
app adds a record (`make previews`): the record stands above the total, inside the staff's grid, and the total's sums
take it in (#25).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.connect.helpers import connect_book  # noqa: E402 - the repository's root is on the path just above
from tests.connect.staff_books import PAYMENTS, StaffBook, write_book  # noqa: E402
from tools.sheet_print import picture_of_a_write, printed_sheet  # noqa: E402

NEW = {"Код услуги": "ПОУ-003", "Договор": "Д-20/2026", "Дата договора": None, "Плательщик": "ИП Соколова",
       "Сумма по договору": Decimal("1000.25"), "Оплачено": Decimal("500")}


def _page(soffice: str, book: Path, work: Path) -> Image.Image:
    workbook = openpyxl.load_workbook(book)
    for column, width in zip("ABCDEFGHI", (6, 11, 12, 12, 22, 15, 15, 12, 11), strict=True):
        workbook[PAYMENTS.name].column_dimensions[column].width = width
    return printed_sheet(soffice, workbook, PAYMENTS.name, work, f"print-{book.stem}", resolution=130)


def _grid(book: Path) -> None:
    """The staff drew their records' grid (thin borders): the new record must come out inside it."""
    from openpyxl.styles import Border, Side

    workbook = openpyxl.load_workbook(book)
    thin = Side(style="thin")
    for row in workbook[PAYMENTS.name].iter_rows(min_row=4, max_row=6, max_col=len(PAYMENTS.headers)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook.save(book)


def _before(work: Path) -> Path:
    book = write_book(StaffBook("Оплаты", [PAYMENTS]), work / "before.xlsx")
    _grid(book)
    return book


def main(out: Path = Path("docs/totals-above.png")) -> None:
    picture_of_a_write(out, _before, lambda after: connect_book(after).append("ПОУ_оплаты", [NEW]), _page)


if __name__ == "__main__":
    main()

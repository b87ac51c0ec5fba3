"""docs/check-sheet.png: the «Проверка» tab as LibreOffice (headless) shows it to staff (`make previews`).

A demo workbook gets its tab from the real `publish`; a copy with only that tab, landscape and fitted to the
page width, goes through LibreOffice to PDF, and pdftoppm makes the first page a PNG.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from PIL import Image, ImageOps

from core import areas
from core.records.check_sheet import TAB, publish
from core.setup import initialize
from core.store import XlsxStore

areas.load()  # every area's rules and numberings, as the app and the CLI load them

TODAY = date(2026, 11, 23)


def main(out: Path = Path("docs/check-sheet.png")) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("Нет LibreOffice (soffice): make office")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = work / "edudesk.xlsx"
        initialize(XlsxStore(path), demo=True, today=TODAY)
        publish(XlsxStore(path), TODAY, datetime(2026, 11, 23, 9, 0))
        book = openpyxl.load_workbook(path)
        for name in book.sheetnames:
            if name != TAB:
                del book[name]
        sheet = book[TAB]
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_area = f"A1:J{min(sheet.max_row, 18)}"
        only = work / "check-sheet.xlsx"
        book.save(only)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                        "--outdir", str(work), str(only)], check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                        str(work / "check-sheet.pdf"), str(work / "page")], check=True)
        page = Image.open(work / "page.png").convert("RGB")
        box = ImageOps.invert(page).getbbox()  # the printed cells, without the empty page around them
        page.crop((box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10)).save(out)
    print(out)


if __name__ == "__main__":
    main()

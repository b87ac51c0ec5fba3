"""One sheet of a workbook as LibreOffice prints it, as a picture: the tools that draw docs/*.png share it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from PIL import Image, ImageOps


def libreoffice() -> str:
    """LibreOffice's soffice, or the tool stops and says how to install it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("Нет LibreOffice (soffice): make office")
    return soffice


def printed_sheet(soffice: str, book: openpyxl.Workbook, sheet_name: str, work: Path, stem: str,
                  resolution: int = 150) -> Image.Image:
    """`book` with only `sheet_name`, landscape and fitted to the page width, through LibreOffice to PDF; the first
    page as an image cropped to the printed cells."""
    for name in book.sheetnames:
        if name != sheet_name:
            del book[name]
    sheet = book[sheet_name]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    only = work / f"{stem}.xlsx"
    book.save(only)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                    "--outdir", str(work), str(only)], check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
                    str(work / f"{stem}.pdf"), str(work / f"{stem}-page")], check=True)
    page = Image.open(work / f"{stem}-page.png").convert("RGB")
    box = ImageOps.invert(page).getbbox()  # the printed cells, without the empty page around them
    return page.crop((box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10))


def before_and_after(pages: list[Image.Image], out: Path) -> None:
    """The pages one under the other, a white gap between, saved as one picture (a sheet before and after a write)."""
    picture = Image.new("RGB", (max(p.width for p in pages), sum(p.height for p in pages) + 30 * (len(pages) - 1)),
                        "white")
    top = 0
    for page in pages:
        picture.paste(page, (0, top))
        top += page.height + 30
    picture.save(out)


def picture_of_a_write(out: Path, make_before: Callable[[Path], Path], write: Callable[[Path], None],
                       page: Callable[[str, Path, Path], Image.Image]) -> None:
    """`out`: the sheet as LibreOffice prints it before and after the app's write — `make_before(folder)` writes the
    book, `write(copy)` changes a copy of it through the app, `page(soffice, book, folder)` prints one."""
    soffice = libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        before = make_before(work)
        after = work / "after.xlsx"
        shutil.copy(before, after)
        write(after)
        before_and_after([page(soffice, before, work), page(soffice, after, work)], out)
    print(out)

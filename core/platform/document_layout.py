"""The one page layout of every EduDesk document: A4, PT Serif, header, title, tables, signatures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

import fontpkg
from fpdf import FPDF
from fpdf.fonts import FontFace

from core.platform.dates_ru import initials, long_date
from core.platform.errors import DocumentIncomplete

FAMILY = "PTSerif"


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """PT Serif from its PyPI font package: never a system font path."""
    return {"": fontpkg.path("PT Serif", 400), "B": fontpkg.path("PT Serif", 700),
            "I": fontpkg.path("PT Serif", 400, "italic"), "BI": fontpkg.path("PT Serif", 700, "italic")}


class Document(FPDF):
    """An A4 document with Cyrillic fonts and page numbers when it runs over one page."""

    def __init__(self, orientation: str = "portrait", numbered: bool = True, title: str = "") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, path in font_files().items():
            self.add_font(FAMILY, style, str(path))
        self.set_font(FAMILY, size=12)
        self.set_margins(25, 18, 15)
        self.set_auto_page_break(True, margin=18)
        self.numbered = numbered
        self._closing = False
        self.name = title or "Документ"
        self.set_title(title)
        self.set_creator("EduDesk — Учебный офис")
        self.set_lang("ru")

    def footer(self) -> None:
        # A one-page document carries no number; output() draws the last page's footer after bytes() sets _closing.
        if not self.numbered or (self._closing and self.page_no() == 1):
            return
        self.set_y(-12)
        self.set_font(FAMILY, size=9)
        self.cell(0, 6, f"{self.page_no()}", align="C")
        self.set_font(FAMILY, size=12)

    # blocks ------------------------------------------------------------------------------
    def institution_header(self, settings: dict[str, str]) -> None:
        if not (settings.get("Полное наименование") or "").strip():  # an official document never guesses its issuer
            raise DocumentIncomplete(f"Документ «{self.name}» не сформирован: на листе «Настройки» не заполнено «Полное наименование».")
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 6, settings["Полное наименование"], align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)
        self.ln(4)

    def order_heading(self, settings: dict[str, str], day: date | None, number: str | None) -> None:
        self.set_font(FAMILY, "B", 14)
        self.cell(0, 8, "ПРИКАЗ", align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)
        self.ln(2)
        self.cell(90, 6, long_date(day) if day else "«___» __________ 20__ г.")
        self.cell(0, 6, f"№ {number or '______'}", align="R", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 6, settings.get("Город") or "", align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def heading(self, text: str, size: int = 13) -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, 6.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)
        self.ln(3)

    def paragraph(self, text: str, indent: bool = True, align: str = "J", size: int = 12) -> None:
        self.set_font(FAMILY, size=size)
        self.multi_cell(0, 6, ("\u00a0" * 6 if indent else "") + text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def bold_line(self, text: str, align: str = "L") -> None:
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 6, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
              align: Sequence[str] | None = None, size: int = 10) -> None:
        """A bordered table; headings repeat on every page."""
        self.set_font(FAMILY, size=size)
        with_headings = any(headings)  # a table of label/value pairs has no heading row
        with super().table(col_widths=tuple(widths), text_align=tuple(align or ["LEFT"] * len(widths)),
                           headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
                           first_row_as_headings=with_headings,
                           line_height=size * 0.5, padding=1.2, width=sum(widths)) as table:
            if with_headings:
                heading = table.row()
                for text in headings:
                    heading.cell(text)
            for data in rows:
                line = table.row()
                for value in data:
                    line.cell("" if value is None else str(value))
        self.set_font(FAMILY, size=12)
        self.ln(3)

    def approval(self, position: str, full_name: str | None) -> None:
        """The «УТВЕРЖДАЮ» block in the top right corner: position, a line to sign, the name, a date to write in."""
        width = (self.w - self.l_margin - self.r_margin) * 0.45
        self.set_font(FAMILY, size=11)
        for line in ("УТВЕРЖДАЮ", position, f"_______________ {initials(full_name)}".rstrip(), "«___» __________ 20__ г."):
            self.set_x(self.w - self.r_margin - width)
            self.multi_cell(width, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)
        self.ln(4)

    def signature(self, position: str, full_name: str | None, space_before: float = 10) -> None:
        """«Должность ____________ И.О. Фамилия»."""
        self.ln(space_before)
        if self.will_page_break(12):
            self.add_page()
        width = self.w - self.l_margin - self.r_margin
        self.cell(width * 0.45, 6, position)
        self.cell(width * 0.25, 6, "_______________", align="C")
        self.cell(0, 6, initials(full_name), align="R", new_x="LMARGIN", new_y="NEXT")

    def executor(self, full_name: str | None) -> None:
        self.ln(8)
        self.set_font(FAMILY, size=9)
        self.cell(0, 5, f"Исполнитель: {full_name or '__________'}", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=12)

    def bytes(self) -> bytes:
        self._closing = True
        return bytes(self.output())


def missing_settings(settings: dict[str, str], keys: tuple[str, ...]) -> list[str]:
    absent = [k for k in keys if not (settings.get(k) or "").strip()]
    if not absent:
        return []
    return [f"на листе «Настройки» не заполнено: {', '.join(f'«{k}»' for k in absent)}"]


def refuse_incomplete(title: str, missing: list[str]) -> None:
    """A document with a blank where data belongs is not made: the message says what to fill in."""
    if missing:
        raise DocumentIncomplete(f"Документ «{title}» не сформирован: {'; '.join(missing)}. Заполните и сформируйте снова.")

"""The app's own tab (like «Проверка») written whole into a staff workbook: one sheet part rewritten or added,
styles extended if needed, every other part copied byte for byte.

Links are internal hyperlinks (`location="'Заявки'!$H$6"`): no formula, no relationship, nothing outside the tab.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import quoteattr

from core.platform.a1 import column_letter, quoted

from .base import OwnedTab, TabLayout
from .xlsx_cells import cell_xml
from .xlsx_package import Package
from .xlsx_read import actual_name
from .xlsx_sheets import add_sheets
from .xlsx_styles import Styles, styles_of


def write_owned(package: Package, target: Path, tab: OwnedTab, extra: dict[str, bytes] | None = None) -> None:
    """The tab written whole; `extra` parts (the journal with its entry) go into the same write."""
    names = [name for name, _ in package.sheets()]
    found = actual_name(names, tab.name)
    if found is None:
        add_sheets(package, target, [TabLayout(tab.name, [])],
                   render=lambda _, styles: owned_xml(tab, styles, package.main_ns, package.date1904))
        return
    replaced: dict[str, bytes] = dict(extra or {})
    styles_name, styles, new_styles = styles_of(package, replaced)
    replaced[package.sheet_part(found)] = owned_xml(tab, styles, package.main_ns, package.date1904).encode("utf-8")
    added: dict[str, bytes] = {}
    if styles.changed:
        (added if new_styles else replaced)[styles_name] = styles.xml.encode("utf-8")
    package.write(target, replaced, added=added)


def owned_xml(tab: OwnedTab, styles: Styles, namespace: str, date1904: bool) -> str:
    width = max((len(r) for r in tab.rows), default=1)
    bold, link = styles.bold_style(), styles.link_style()
    rows = []
    for r, values in enumerate(tab.rows, start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            style = bold if r in tab.bold_rows else link if (r, c) in tab.links else None
            if style is None and hasattr(value, "year"):
                style = styles.date_style(None)
            cells.append(cell_xml("", c, r, value, style, date1904))
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(tab.widths, 1))
    links = "".join(f'<hyperlink ref="{column_letter(c)}{r}" location={quoteattr(f"{quoted(to_tab)}!{_absolute(a1)}")} '
                    f'display={quoteattr(a1)}/>' for (r, c), (to_tab, a1) in sorted(tab.links.items()))
    frozen = (f'<pane ySplit="{tab.frozen_rows}" topLeftCell="A{tab.frozen_rows + 1}" activePane="bottomLeft" '
              'state="frozen"/>') if tab.frozen_rows else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{namespace}">'
            f'<dimension ref="A1:{column_letter(width)}{max(len(tab.rows), 1)}"/>'
            f'<sheetViews><sheetView workbookViewId="0">{frozen}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
            f'<sheetData>{"".join(rows)}</sheetData>{f"<hyperlinks>{links}</hyperlinks>" if links else ""}'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def _absolute(a1: str) -> str:
    """$C$9, not C9: LibreOffice reads a bare «C9» as a possible R1C1 name and leaves such a link unresolved."""
    return re.sub(r"^([A-Z]+)([0-9]+)$", r"$\1$\2", a1)

"""Add sheets to an existing .xlsx by adding parts, leaving every existing part as it was.

A new sheet needs its own part, one element in workbook.xml, one relationship and one content type (and a
bold cell format in styles.xml when there is none) — in the workbook's own dialect: Strict or transitional
namespaces, its element prefix, its folder for sheets.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from core.platform.a1 import column_letter

from .base import TabLayout
from .xlsx_package import Package, UnsupportedLayout, add_override, add_relationship, attrs
from .xlsx_styles import Styles, styles_of

_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def add_sheets(package: Package, target: Path, layouts: list[TabLayout],
               render: Callable[[TabLayout, Styles], str] | None = None) -> None:
    """The sheets of `layouts`, each with its header row, or with what `render` makes of it."""
    workbook_part = package.workbook
    workbook = package.text(workbook_part)
    root = re.search(r"<([\w.-]+:)?workbook\b[^>]*>", workbook)
    p = root[1] or ""
    closing = re.search(rf"</{re.escape(p)}sheets>", workbook)
    empty = re.search(rf"<{re.escape(p)}sheets\s*/>", workbook)
    if closing is None and empty is None:
        raise UnsupportedLayout("unusual workbook parts")
    replaced: dict[str, bytes] = {}
    styles_name, styles, new_styles = styles_of(package, replaced)
    bold = styles.bold_style()
    declared = next((k.split(":", 1)[1] for k, v in attrs(root[0]).items()
                     if k.startswith("xmlns:") and v == package.rels_ns), None)
    rel_attr = f"{declared}:id" if declared else f'xmlns:edr="{package.rels_ns}" edr:id'
    existing = package.sheets()
    folder = posixpath.dirname(existing[0][1]) if existing else posixpath.join(posixpath.dirname(workbook_part),
                                                                              "worksheets")
    sheet_id = max((int(attrs(t).get("sheetId", 0)) for t in re.findall(rf"<{re.escape(p)}sheet\b[^>]*>", workbook)),
                   default=0)
    added: dict[str, bytes] = {}
    entries = []
    for layout in layouts:
        sheet_id += 1
        number = 1
        while package.has(posixpath.join(folder, f"sheet{number}.xml")) or \
                posixpath.join(folder, f"sheet{number}.xml") in added:
            number += 1
        part = posixpath.join(folder, f"sheet{number}.xml")
        rel_id = f"rIdEduDesk{sheet_id}"
        xml = render(layout, styles) if render else _sheet_xml(layout, bold, package.main_ns)
        added[part] = xml.encode("utf-8")
        entries.append(f"<{p}sheet name={quoteattr(layout.name)} sheetId=\"{sheet_id}\" {rel_attr}=\"{rel_id}\"/>")
        add_relationship(package, replaced, workbook_part, rel_id, "worksheet", part)
        add_override(package, replaced, part, _SHEET_TYPE)
    if closing is not None:
        workbook = workbook[:closing.start()] + "".join(entries) + workbook[closing.start():]
    else:
        workbook = workbook[:empty.start()] + f"<{p}sheets>{''.join(entries)}</{p}sheets>" + workbook[empty.end():]
    replaced[workbook_part] = workbook.encode("utf-8")
    if styles.changed:
        (added if new_styles else replaced)[styles_name] = styles.xml.encode("utf-8")
    package.write(target, replaced, added=added)


def _sheet_xml(layout: TabLayout, bold: int, namespace: str) -> str:
    last = column_letter(max(1, len(layout.headers)))
    cols = "".join(f'<col min="{i}" max="{i}" width="{max(layout.width, min(len(h) + 4, 40))}" customWidth="1"/>'
                   for i, h in enumerate(layout.headers, start=1))
    cells = "".join(f'<c r="{column_letter(i)}1" s="{bold}" t="inlineStr"><is><t>{escape(h)}</t></is></c>'
                    for i, h in enumerate(layout.headers, start=1))
    validations = [
        f'<dataValidation type="list" allowBlank="1" showErrorMessage="0" sqref="{column_letter(i)}2:{column_letter(i)}5000">'
        f'<formula1>{escape(chr(34) + ",".join(layout.dropdowns[h]) + chr(34))}</formula1></dataValidation>'
        for i, h in enumerate(layout.headers, start=1) if layout.dropdowns.get(h)]
    dv = f'<dataValidations count="{len(validations)}">{"".join(validations)}</dataValidations>' if validations else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{namespace}">'
            f'<dimension ref="A1:{last}1"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData><row r="1">{cells}</row></sheetData>'
            f'{dv}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')

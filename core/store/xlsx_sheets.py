"""Add sheets to an existing .xlsx by adding XML parts, leaving every existing part's content as it was.

openpyxl would rewrite the whole file and drop what it does not model (charts, images, shapes);
adding a sheet needs only a new part and one line in each of workbook.xml, its rels and
[Content_Types].xml (and a bold cell format in styles.xml when there is none).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..a1 import column_letter
from .base import TabLayout
from .xlsx_parts import UnsupportedLayout, copy_info

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def add_sheets(source: Path, target: Path, layouts: list[TabLayout]) -> None:
    with zipfile.ZipFile(source) as zin:
        names = set(zin.namelist())
        workbook = zin.read("xl/workbook.xml").decode("utf-8")
        rels = zin.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        types = zin.read("[Content_Types].xml").decode("utf-8")
        styles = zin.read("xl/styles.xml").decode("utf-8") if "xl/styles.xml" in names else None
        if styles is None or "</sheets>" not in workbook or "</Relationships>" not in rels:
            raise UnsupportedLayout("unusual workbook parts")
        root = re.search(r"<(?:\w+:)?workbook\b[^>]*>", workbook)
        declared = re.search(rf'xmlns:(\w+)="{re.escape(_REL_NS)}"', root[0]) if root else None
        # Use the root's prefix for relationships; where the root declares none, declare one on the element.
        rel_attr = f"{declared[1]}:id" if declared else f'xmlns:edr="{_REL_NS}" edr:id'
        bold, styles = _bold_style(styles)
        sheet_id = max((int(i) for i in re.findall(r'<sheet\b[^>]*\ssheetId="(\d+)"', workbook)), default=0)
        new_parts: dict[str, bytes] = {}
        for layout in layouts:
            sheet_id += 1
            number = _free_number(names | set(new_parts))
            part, rel_id = f"xl/worksheets/sheet{number}.xml", f"rIdEduDesk{sheet_id}"
            new_parts[part] = _sheet_xml(layout, bold).encode("utf-8")
            workbook = workbook.replace("</sheets>", f'<sheet name={quoteattr(layout.name)} sheetId="{sheet_id}" '
                                                     f'{rel_attr}="{rel_id}"/></sheets>', 1)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rel_id}" Type="{_SHEET_REL}" '
                                                    f'Target="worksheets/sheet{number}.xml"/></Relationships>', 1)
            types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{_SHEET_TYPE}"/></Types>', 1)
        replaced = {"xl/workbook.xml": workbook, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types,
                    "xl/styles.xml": styles}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = replaced[info.filename].encode("utf-8") if info.filename in replaced else zin.read(info.filename)
                zout.writestr(copy_info(info), data)
            for part, data in new_parts.items():
                zout.writestr(part, data)


def _free_number(names: set[str]) -> int:
    n = 1
    while f"xl/worksheets/sheet{n}.xml" in names:
        n += 1
    return n


def _sheet_xml(layout: TabLayout, bold: int) -> str:
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
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN_NS}">'
            f'<dimension ref="A1:{last}1"/><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData><row r="1">{cells}</row></sheetData>'
            f'{dv}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def _bold_style(styles: str) -> tuple[int, str]:
    """The cellXfs index of a plain bold format, adding a bold font and format when needed."""
    fonts_block = re.search(r"<fonts\b[^>]*>(.*?)</fonts>", styles, re.S)
    xfs_block = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    if not fonts_block or not xfs_block:
        raise UnsupportedLayout("no fonts or cellXfs in styles.xml")
    fonts = re.findall(r"<font\b[^>]*?(?:/>|>.*?</font>)", fonts_block[1], re.S)
    xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", xfs_block[1], re.S)
    bold_fonts = {i for i, f in enumerate(fonts) if re.search(r'<b\s*/>|<b\s+val="(1|true)"\s*/>', f)}
    for index, xf in enumerate(xfs):
        font = re.search(r'fontId="(\d+)"', xf)
        fmt = re.search(r'numFmtId="(\d+)"', xf)
        if font and int(font[1]) in bold_fonts and (not fmt or fmt[1] == "0") and "fillId=\"0\"" in xf:
            return index, styles
    if bold_fonts:
        font_id = min(bold_fonts)
    else:
        font_id = len(fonts)
        styles = styles[: fonts_block.end(1)] + "<font><b/><sz val=\"11\"/></font>" + styles[fonts_block.end(1):]
        styles = re.sub(r'(<fonts\b[^>]*count=")(\d+)(")', lambda m: f"{m[1]}{font_id + 1}{m[3]}", styles, count=1)
    xfs_block = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    new_xf = f'<xf numFmtId="0" fontId="{font_id}" fillId="0" borderId="0" applyFont="1" xfId="0"/>'
    styles = styles[: xfs_block.end(1)] + new_xf + styles[xfs_block.end(1):]
    styles = re.sub(r'(<cellXfs\b[^>]*count=")(\d+)(")', lambda m: f"{m[1]}{len(xfs) + 1}{m[3]}", styles, count=1)
    return len(xfs), styles

"""Cell formats the writer needs in styles.xml: a date format that keeps a cell's look, and bold headers.

A date written into a cell keeps that cell's font, fill, border and alignment and gets the date format
ДД.ММ.ГГГГ; a new cell gets a plain date format. Existing formats are never changed, only added to.
"""

from __future__ import annotations

import posixpath
import re

from .xlsx_package import Package, add_override, add_relationship, attrs

STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
# What an empty stylesheet needs for the app to add formats: one font, the two required fills, one border.
MINIMAL = ('<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill>'
           '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>')


def styles_of(package: Package, replaced: dict[str, bytes]) -> tuple[str, Styles, bool]:
    """The workbook's styles (part name, styles, whether the part is new); a workbook without one gets one."""
    part = package.workbook_part("styles")
    if part is not None:
        return part, Styles(package.text(part)), False
    part = posixpath.join(posixpath.dirname(package.workbook), "styles.xml")
    add_relationship(package, replaced, package.workbook, "rIdEduDeskStyles", "styles", part)
    add_override(package, replaced, part, STYLES_TYPE)
    styles = Styles(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{package.main_ns}">'
                    f"{MINIMAL}</styleSheet>")
    styles.changed = True
    return part, styles, True

DATE_CODE = "DD.MM.YYYY"
_BUILTIN_DATES = {14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)}


class Styles:
    def __init__(self, xml: str | None) -> None:
        if xml is None:
            raise ValueError("no styles part")
        self.xml = xml
        self.changed = False
        root = re.search(r"<([\w.-]+:)?styleSheet\b[^>]*?(/?)>", xml)
        self.p = (root[1] or "") if root else ""
        if root and (root[2] == "/" or not re.search(r"<[\w.:-]+", xml[root.end():].replace(
                f"</{self.p}styleSheet>", ""))):  # an empty stylesheet: give it the basic lists
            body = MINIMAL.replace("<", f"<{self.p}").replace(f"<{self.p}/", f"</{self.p}") if self.p else MINIMAL
            opening = root[0][:-2] + ">" if root[2] == "/" else root[0]
            self.xml = xml[:root.start()] + opening + body + f"</{self.p}styleSheet>"
            self.changed = True
        self._variants: dict[int | None, int] = {}

    # cellXfs -------------------------------------------------------------------------------------
    def _block(self, name: str) -> re.Match | None:
        p = re.escape(self.p)
        return re.search(rf"<{p}{name}\b[^>]*?(?:/>|>(.*?)</{p}{name}>)", self.xml, re.S)

    def _xfs(self) -> list[str]:
        block = self._block("cellXfs")
        if block is None:
            raise ValueError("no cellXfs")
        return re.findall(rf"<{re.escape(self.p)}xf\b[^>]*?(?:/>|>.*?</{re.escape(self.p)}xf>)", block[1] or "", re.S)

    def _append(self, name: str, item: str) -> int:
        """Add one element to a counted list (cellXfs, numFmts, fonts); its index."""
        child = {"cellXfs": "xf", "numFmts": "numFmt", "fonts": "font"}[name]
        block = self._block(name)
        p = self.p
        if block is None:  # only numFmts may be missing: it comes first in styleSheet
            root = re.search(rf"<{re.escape(p)}styleSheet\b[^>]*>", self.xml)
            self.xml = self.xml[:root.end()] + f'<{p}{name} count="1">{item}</{p}{name}>' + self.xml[root.end():]
            self.changed = True
            return 0
        inner = block[1] or ""
        count = len(re.findall(rf"<{re.escape(p)}{child}\b[^>]*?(?:/>|>.*?</{re.escape(p)}{child}>)", inner, re.S))
        head = block[0].split(">", 1)[0] + ">" if block[1] is not None else block[0][:-2] + ">"
        head = re.sub(r'\scount="\d+"', "", head)
        head = head[:-1] + f' count="{count + 1}">'
        self.xml = self.xml[:block.start()] + head + inner + item + f"</{p}{name}>" + self.xml[block.end():]
        self.changed = True
        return count

    # dates ---------------------------------------------------------------------------------------
    def _custom_formats(self) -> dict[int, str]:
        return {int(a["numFmtId"]): a.get("formatCode", "")
                for a in (attrs(t) for t in re.findall(rf"<{re.escape(self.p)}numFmt\b[^>]*>", self.xml))
                if "numFmtId" in a}

    def _our_format_id(self) -> int | None:
        return next((n for n, code in self._custom_formats().items() if code.upper() == DATE_CODE), None)

    def _date_format_id(self) -> int:
        ours = self._our_format_id()
        if ours is not None:
            return ours
        number = max([163, *self._custom_formats()]) + 1
        self._append("numFmts", f'<{self.p}numFmt numFmtId="{number}" formatCode="{DATE_CODE}"/>')
        return number

    def is_date(self, style: int | None) -> bool:
        if style is None:
            return False
        xfs = self._xfs()
        if style >= len(xfs):
            return False
        number = int(attrs(xfs[style].split(">", 1)[0]).get("numFmtId", "0"))
        if number in _BUILTIN_DATES:
            return True
        code = next((a.get("formatCode", "") for a in (attrs(t) for t in re.findall(
            rf"<{re.escape(self.p)}numFmt\b[^>]*>", self.xml)) if a.get("numFmtId") == str(number)), "").lower()
        code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", code)
        return "d" in code and "y" in code

    def date_style(self, current: int | None) -> int:
        """The format a date gets in a cell that has `current`: it if it shows dates, else its date variant."""
        if self.is_date(current):
            return current
        if current in self._variants:
            return self._variants[current]
        xfs = self._xfs()
        if current is None:  # a new cell: the plain ДД.ММ.ГГГГ format, when the workbook has it already
            ours = self._our_format_id()
            plain = next((i for i, xf in enumerate(xfs) if ours is not None and "<" not in xf[1:].split(">", 1)[-1]
                          and attrs(xf.split(">", 1)[0]).get("numFmtId") == str(ours)
                          and all(attrs(xf.split(">", 1)[0]).get(k, "0") == "0" for k in ("fontId", "fillId", "borderId"))),
                         None)
            if plain is not None:
                self._variants[None] = plain
                return plain
        number = self._date_format_id()
        xfs = self._xfs()
        if current is not None and current < len(xfs):
            tag = xfs[current]
            tag = re.sub(r'\snumFmtId="\d+"', "", tag, count=1)
            tag = re.sub(r'\sapplyNumberFormat="\w+"', "", tag, count=1)
            tag = re.sub(rf"^<{re.escape(self.p)}xf\b", f'<{self.p}xf numFmtId="{number}" applyNumberFormat="1"', tag)
        else:
            tag = f'<{self.p}xf numFmtId="{number}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        index = self._append("cellXfs", tag)
        self._variants[current] = index
        return index

    # headers -------------------------------------------------------------------------------------
    def _fonts(self) -> list[str]:
        """The workbook's fonts, in the order cellXfs' fontId counts them (none when it has no list of them)."""
        block = self._block("fonts")
        p = re.escape(self.p)
        return re.findall(rf"<{p}font\b[^>]*?(?:/>|>.*?</{p}font>)", (block[1] or "") if block else "", re.S)

    def bold_style(self) -> int:
        """A plain bold cell format, added with a bold font when the workbook has none."""
        p = re.escape(self.p)
        if self._block("fonts") is None:
            raise ValueError("no fonts")
        fonts = self._fonts()
        bold = {i for i, f in enumerate(fonts) if re.search(rf'<{p}b\s*/>|<{p}b\s+val="(1|true)"\s*/>', f)}
        for index, xf in enumerate(self._xfs()):
            a = attrs(xf.split(">", 1)[0])
            if int(a.get("fontId", "0")) in bold and a.get("numFmtId", "0") == "0" and a.get("fillId", "0") == "0" \
                    and a.get("borderId", "0") == "0":
                return index
        font = min(bold) if bold else self._append("fonts", f'<{self.p}font><{self.p}b/><{self.p}sz val="11"/></{self.p}font>')
        return self._append("cellXfs", f'<{self.p}xf numFmtId="0" fontId="{font}" fillId="0" borderId="0" '
                                       'xfId="0" applyFont="1"/>')

    def link_style(self) -> int:
        """Blue underlined text, as office programs draw a hyperlink (added once, then reused)."""
        p = self.p
        font = (f'<{p}font><{p}u/><{p}sz val="11"/><{p}color rgb="FF0563C1"/><{p}name val="Calibri"/>'
                f'<{p}family val="2"/></{p}font>')
        fonts = self._fonts()
        font_id = fonts.index(font) if font in fonts else self._append("fonts", font)
        for index, xf in enumerate(self._xfs()):
            a = attrs(xf.split(">", 1)[0])
            if a.get("fontId") == str(font_id) and a.get("numFmtId", "0") == "0":
                return index
        return self._append("cellXfs", f'<{p}xf numFmtId="0" fontId="{font_id}" fillId="0" borderId="0" '
                                       'xfId="0" applyFont="1"/>')

    # struck through --------------------------------------------------------------------------------
    def unstruck(self, style: int) -> int:
        """The cell format `style` without strikethrough (itself when it has none): a record added under one staff
        struck through (cancelled, core.store.struck) takes its look, not its cancelling."""
        p = re.escape(self.p)
        xfs = self._xfs()
        if style >= len(xfs):
            return style
        xf = xfs[style]
        font_id = int(attrs(xf.split(">", 1)[0]).get("fontId", "0"))
        fonts = self._fonts()
        if font_id >= len(fonts) or not re.search(rf"<{p}strike\b", fonts[font_id]):
            return style
        plain = re.sub(rf"<{p}strike\b[^>]*?/>", "", fonts[font_id])
        new_font = fonts.index(plain) if plain in fonts else self._append("fonts", plain)
        new_xf = re.sub(r'\sfontId="\d+"', f' fontId="{new_font}"', xf, count=1)
        xfs = self._xfs()
        return xfs.index(new_xf) if new_xf in xfs else self._append("cellXfs", new_xf)

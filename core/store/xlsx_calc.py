"""Formulas after the app writes: fresh results on opening, and no calcChain that Excel would «repair».

A formula cell keeps its last result in the file (<v>). After the app adds a row, a staff «=COUNTA(Заявки!A:A)»
would show the old count: Excel recalculates on opening when the workbook asks it to (fullCalcOnLoad),
LibreOffice — only where a formula has no stored result. So the stored result is dropped from exactly the
formulas whose ranges cover a written cell (or that reach the written sheets through a defined name, a
table, INDIRECT or OFFSET, which can't be followed here). Cells of the app's own columns keep theirs: the
app reads them — but not in a staff's «Итого» row under the records, which the app does not read and whose sum
the write has just changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.formula.tokenizer import Token, Tokenizer

from sheets_schema import TAB_BY_NAME
from sheets_schema.base import normalize_header

from .base import Frame
from .xlsx_package import Package, attrs
from .xlsx_sheet import bounds

_VOLATILE = re.compile(r"\b(INDIRECT|OFFSET|ДВССЫЛ|СМЕЩ)\s*\(", re.I)
_CALC_CHAIN_TYPE = "calcChain"
_HAS_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")


def _names(package: Package, written: dict[str, set[tuple[int, int]]], replaced: dict[str, bytes]) -> set[str]:
    """Defined names and table names that lead to the written cells (folded for comparison). A table counts only
    when its range, as the write leaves it, holds a written cell: a row added below a note under the table is not
    the table's, and formulas over the table keep their saved results."""
    names = set()
    xml = package.text(package.workbook)
    for m in re.finditer(r"<(?:[\w.-]+:)?definedName\b([^>]*)>(.*?)</(?:[\w.-]+:)?definedName>", xml, re.S):
        if any(_mentions(m[2], sheet) for sheet in written):
            names.add(attrs(m[0].split(">", 1)[0]).get("name", "").casefold())
    for sheet, part in package.sheets():
        if sheet not in written:
            continue
        for rel in package.rels(part):
            if rel.kind == "table" and package.has(rel.target):
                text = replaced[rel.target].decode("utf-8") if rel.target in replaced else package.text(rel.target)
                table = re.search(r"<(?:[\w.-]+:)?table\b[^>]*>", text)
                if table and _holds_any(attrs(table[0]).get("ref", ""), written[sheet]):
                    a = attrs(table[0])
                    names |= {a.get("name", "").casefold(), a.get("displayName", "").casefold()}
    return names - {""}


def _holds_any(ref: str, cells: set[tuple[int, int]]) -> bool:
    if not re.fullmatch(r"\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?", ref):
        return True  # a range we can't read: assume it holds them
    top, left, bottom, right = bounds(ref.upper().replace("$", ""))
    return any(top <= r <= bottom and left <= c <= right for r, c in cells)


def _mentions(formula: str, name: str) -> bool:
    text = formula.replace("&apos;", "'").replace("''", "'").casefold()
    return name.casefold() in text


def depends_on(formula: str, sheet: str, written: dict[str, set[tuple[int, int]]], names: set[str]) -> bool:
    """Whether a formula on `sheet` may give another result now that `written` cells changed."""
    text = formula.replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&").replace("&lt;", "<") \
        .replace("&gt;", ">")
    try:
        items = Tokenizer("=" + text).items
    except Exception:  # a formula the tokenizer can't follow: assume it depends
        return True
    for token in items:
        if token.type == Token.FUNC and token.subtype == Token.OPEN and \
                _VOLATILE.match(token.value.rstrip("(") + "("):
            return True
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        where, _, ref = token.value.rpartition("!")
        target = where.strip("'").replace("''", "'") if where else sheet
        bare = re.sub(r"\[.*", "", ref).casefold()
        if bare in names or (":" in target):  # a name or table of a written sheet, or a 3-D reference
            return True
        cells = next((c for name, c in written.items() if name.casefold() == target.casefold()), None)
        if not cells:
            continue
        if not re.fullmatch(r"\$?[A-Za-z]{0,3}\$?\d*(:\$?[A-Za-z]{0,3}\$?\d*)?", ref):
            return True  # not a plain A1 range: can't tell, so it may
        top, left, bottom, right = bounds(ref.upper())
        if any(top <= r <= bottom and left <= c <= right for r, c in cells):
            return True
    return False


def stale_results(xml: str, depends: Callable[[str], bool], keep_cell: Callable[[int, int], bool]) -> str:
    """Drop <v> from formula cells whose formula `depends` (shared ones by their group's text)."""
    prefix = re.search(r"<([\w.-]+:)?worksheet\b", xml)
    p = (prefix[1] or "") if prefix else ""
    groups: dict[str, str] = {}
    # A group's formula is the text of its first cell, <f t="shared" ref=… si=…>text</f>. The cells below it are
    # <f t="shared" si=…/>, self-closing: never taken as an opening tag (that would read up to another cell's </f>).
    for m in re.finditer(rf"<{re.escape(p)}f\b([^>]*?)(?<!/)>(.*?)</{re.escape(p)}f>", xml, re.S):
        a = attrs(m[0].split(">", 1)[0])
        if a.get("t") == "shared" and "si" in a and m[2].strip():
            groups.setdefault(a["si"], m[2])
    pieces, cursor = [], 0
    for f in re.finditer(rf"<{re.escape(p)}f\b", xml):  # visit only the cells that hold a formula
        start = max(xml.rfind(f"<{p}c ", 0, f.start()), xml.rfind(f"<{p}c>", 0, f.start()))
        end = xml.find(f"</{p}c>", f.start())
        if start < cursor or end < 0:
            continue
        end += len(f"</{p}c>")
        cell = _without_result(xml[start:end], p, groups, depends, keep_cell)
        pieces += [xml[cursor:start], cell]
        cursor = end
    return "".join(pieces) + xml[cursor:] if pieces else xml


def _without_result(cell: str, p: str, groups: dict[str, str], depends, keep_cell) -> str:
    q = re.escape(p)
    f = re.search(rf"<{q}f\b[^>]*?(?:/>|>(.*?)</{q}f>)", cell, re.S)
    if f is None or not re.search(rf"<{q}v\b[^>]*>[^<]", cell):  # no stored result to go stale
        return cell
    a = attrs(f[0].split(">", 1)[0])
    text = f[1] if f[1] is not None else groups.get(a.get("si", ""), "")
    ref = attrs(cell.split(">", 1)[0]).get("r", "")
    place = re.match(r"([A-Z]+)(\d+)", ref)
    if not depends(text) or (place and keep_cell(int(place[2]), _column_number(place[1]))):
        return cell
    cell = re.sub(rf"<{q}v\b[^>]*?(?:/>|>.*?</{q}v>)", "", cell, count=1, flags=re.S)
    head, rest = cell.split(">", 1)
    return re.sub(r'\st="(?:str|e|b|n)"', "", head, count=1) + ">" + rest  # no result: no result type


# Parts (name, CRC-32, size) known to hold no formula. A write copies every sheet it doesn't change byte for byte, so
# the next write finds the same fingerprint and skips unpacking 28 of 29 sheets. Bounded: a long-running server
# sees many versions of the sheets it writes.
_FORMULA_FREE: set[tuple[str, int, int]] = set()


def _remember_formula_free(fingerprint: tuple[str, int, int]) -> None:
    if len(_FORMULA_FREE) > 10_000:
        _FORMULA_FREE.clear()
    _FORMULA_FREE.add(fingerprint)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def refresh(package: Package, replaced: dict[str, bytes], written: dict[str, set[tuple[int, int]]],
            keep: dict[str, Callable[[int, int], bool]]) -> None:
    """Drop stale results across the workbook and ask Excel to recalculate on opening."""
    names = _names(package, written, replaced)
    any_formula = False
    for sheet, part in package.sheets():
        if not package.has(part):
            continue
        if part not in replaced and package.fingerprint(part) in _FORMULA_FREE:
            continue  # seen before, byte for byte, with no formula: not unpacked again on every write
        data = replaced[part] if part in replaced else package.read(part)
        if not _HAS_FORMULA.search(data):  # looked for in the bytes: most sheets have none, and stay undecoded
            if part not in replaced:
                _remember_formula_free(package.fingerprint(part))
            continue
        xml = data.decode("utf-8")
        any_formula = True

        def depends(text: str, sheet: str = sheet) -> bool:
            return depends_on(text, sheet, written, names)

        updated = stale_results(xml, depends, keep.get(sheet, lambda row, col: False))
        if updated != xml:
            replaced[part] = updated.encode("utf-8")
    if any_formula:
        workbook = package.text(package.workbook)
        updated = _full_calc_on_load(workbook)
        if updated != workbook:
            replaced[package.workbook] = updated.encode("utf-8")


def _full_calc_on_load(xml: str) -> str:
    calc = re.search(r"<([\w.-]+:)?calcPr\b[^>]*?/?>", xml)
    if calc:
        tag = calc[0]
        if 'fullCalcOnLoad="1"' in tag:
            return xml
        tag = re.sub(r'\sfullCalcOnLoad="\w+"', "", tag)
        tag = tag[:-2] + ' fullCalcOnLoad="1"/>' if tag.endswith("/>") else tag[:-1] + ' fullCalcOnLoad="1">'
        return xml[:calc.start()] + tag + xml[calc.end():]
    root = re.search(r"<([\w.-]+:)?workbook\b", xml)
    p = (root[1] or "") if root else ""
    after = re.search(rf"<{re.escape(p)}(?:oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|"
                      rf"webPublishing|fileRecoveryPr|webPublishObjects|extLst)\b|</{re.escape(p)}workbook>", xml)
    return xml[:after.start()] + f'<{p}calcPr fullCalcOnLoad="1"/>' + xml[after.start():]


def drop_calc_chain(package: Package, replaced: dict[str, bytes]) -> set[str]:
    """Remove calcChain.xml (and its mentions): it lists formula cells the app may have overwritten."""
    chain = next((r for r in package.rels(package.workbook) if r.kind == _CALC_CHAIN_TYPE), None)
    if chain is None:
        return set()
    rels_part = package.rels_part(package.workbook)
    rels = replaced[rels_part].decode("utf-8") if rels_part in replaced else package.text(rels_part)
    rels = re.sub(rf'<(?:[\w.-]+:)?Relationship\b[^>]*\bId="{re.escape(chain.rel_id)}"[^>]*/>', "", rels)
    replaced[rels_part] = rels.encode("utf-8")
    types = replaced["[Content_Types].xml"].decode("utf-8") if "[Content_Types].xml" in replaced else \
        package.text("[Content_Types].xml")
    types = re.sub(rf'<(?:[\w.-]+:)?Override\b[^>]*PartName="/{re.escape(chain.target)}"[^>]*/>', "", types)
    replaced["[Content_Types].xml"] = types.encode("utf-8")
    return {chain.target}


def app_columns(tab: str, headers: list[str], frame: Frame) -> Callable[[int], bool]:
    """Columns (1-based) of the app's sheet model on this tab: formulas there keep their results for the app."""
    model = TAB_BY_NAME.get(tab)
    known = set(frame.kinds) or ({normalize_header(c.header) for c in model.columns} if model else set())
    columns = {i for i, h in enumerate(headers, 1) if normalize_header(h) in known}
    return columns.__contains__

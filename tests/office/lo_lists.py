"""The drop-down lists of workbooks as LibreOffice reads them: for each sheet, each column whose cells have a rule of
type «list», the list's words (a literal list, or the cells of the range or the named range it refers to, as
LibreOffice shows them). Run by Debian's /usr/bin/python3 (python3-uno), never by the project's venv.

Usage: lo_lists.py BOOK.xlsx ... — prints JSON {book: {sheet: {column (0-based): [words]}}}."""

import json
import sys

from lo_session import desktop, load


def _text(value):
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return " ".join(str(value).split())


def _literal(formula):
    """LibreOffice's own list: «"a";"b,c";"d"» (quotes doubled inside a word)."""
    words, i = [], 0
    while i < len(formula):
        if formula[i] == '"':
            j, word = i + 1, ""
            while j < len(formula):
                if formula[j] == '"' and formula[j + 1:j + 2] == '"':
                    word, j = word + '"', j + 2
                elif formula[j] == '"':
                    break
                else:
                    word, j = word + formula[j], j + 1
            words.append(word)
            i = j + 1
        else:
            i += 1
    return words


def _referred(doc, sheet, formula):
    """The cells a list refers to: a named range, or «$'Лист'.$A$1:$A$5», or «$A$1:$A$5» on the same sheet."""
    if doc.NamedRanges.hasByName(formula):
        cells = doc.NamedRanges.getByName(formula).getReferredCells()
    else:
        place, dot, block = formula.rpartition(".")
        target = sheet
        if dot and place:
            name = place.lstrip("$")
            name = name[1:-1].replace("''", "'") if name.startswith("'") else name
            target = doc.Sheets.getByName(name)
        cells = target.getCellRangeByName(block or formula)
    if cells is None:
        return []
    return [_text(v) for row in cells.getDataArray() for v in row if _text(v)]


def _lists(doc):
    out = {}
    for name in doc.Sheets.ElementNames:
        sheet = doc.Sheets.getByName(name)
        found = {}
        groups = sheet.getUniqueCellFormatRanges()
        for g in range(groups.getCount()):
            ranges = groups.getByIndex(g)
            rule = ranges.getPropertyValue("Validation")
            if rule.getPropertyValue("Type").value != "LIST":  # com.sun.star.sheet.ValidationType
                continue
            formula = rule.getFormula1()
            try:
                words = _literal(formula) if formula.startswith('"') else _referred(doc, sheet, formula)
            except Exception:  # a reference LibreOffice can't follow (#REF!)
                words = []
            for address in ranges.getRangeAddresses():
                for col in range(address.StartColumn, address.EndColumn + 1):
                    kept = found.setdefault(col, [])
                    kept.extend(w for w in words if w and w not in kept)
        found = {c: w for c, w in found.items() if w}
        if found:
            out[name] = found
    return out


def main(books):
    result = {}
    with desktop() as office:
        for book in books:
            doc = load(office, book)
            result[book] = _lists(doc)
            doc.close(True)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])

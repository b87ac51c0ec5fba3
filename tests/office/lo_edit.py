"""Edit a workbook in LibreOffice as a person would — insert or delete a column, type into a cell — and save it as
.xlsx: run by Debian's /usr/bin/python3 (python3-uno), never by the project's venv.

Usage: lo_edit.py IN.xlsx OUT.xlsx '[["insert", "Лист", 1], ["type", "Лист", "C5", "Дата рожд. (полная)"], ...]'
Columns are 0-based. Also ["clear", "Лист", "B5:B6"] (contents), ["merge", "Лист", "B4:B6"], ["strike", "Лист",
"A8:N8"] (Формат → Шрифт → Зачёркивание) and ["merged", "Лист", "B4:B6"], which prints «merged<TAB>B4:B6<TAB>1» (or 0)
— whether LibreOffice shows those cells as one.
Prints the workbook's named ranges after the edit, one per line («name<TAB>content»)."""

import json
import os
import sys

import uno
from lo_session import desktop, load, prop


def main(source, target, steps):
    with desktop() as office:
        doc = load(office, source)
        for step in steps:
            sheet = doc.Sheets.getByName(step[1])
            if step[0] == "insert":
                sheet.Columns.insertByIndex(step[2], 1)
            elif step[0] == "delete":
                sheet.Columns.removeByIndex(step[2], 1)
            elif step[0] == "type":
                sheet.getCellRangeByName(step[2]).setString(step[3])
            elif step[0] == "clear":
                sheet.getCellRangeByName(step[2]).clearContents(1 | 2 | 4 | 16)  # values, dates, text, formulas
            elif step[0] == "merge":
                sheet.getCellRangeByName(step[2]).merge(True)
            elif step[0] == "strike":
                sheet.getCellRangeByName(step[2]).CharStrikeout = 1  # com.sun.star.awt.FontStrikeout.SINGLE
            elif step[0] == "merged":
                print(f"merged\t{step[2]}\t{int(sheet.getCellRangeByName(step[2]).getIsMerged())}")
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (prop("FilterName", "Calc MS Excel 2007 XML"),))
        for name in doc.NamedRanges.ElementNames:
            print(f"{name}\t{doc.NamedRanges.getByName(name).Content}")
        doc.close(True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))

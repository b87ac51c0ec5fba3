"""Edit a workbook in LibreOffice as a person would — insert or delete a column, type into a cell — and save it as
.xlsx: run by Debian's /usr/bin/python3 (python3-uno), never by the project's venv.

Usage: lo_edit.py IN.xlsx OUT.xlsx '[["insert", "Лист", 1], ["type", "Лист", "C5", "Дата рожд. (полная)"], ...]'
Columns are 0-based. Prints the workbook's named ranges after the edit, one per line («name<TAB>content»)."""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, target, steps):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"edudesk{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # office still starting
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not answer")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (_prop("Hidden", True),))
        for step in steps:
            sheet = doc.Sheets.getByName(step[1])
            if step[0] == "insert":
                sheet.Columns.insertByIndex(step[2], 1)
            elif step[0] == "delete":
                sheet.Columns.removeByIndex(step[2], 1)
            elif step[0] == "type":
                sheet.getCellRangeByName(step[2]).setString(step[3])
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (_prop("FilterName", "Calc MS Excel 2007 XML"),))
        for name in doc.NamedRanges.ElementNames:
            print(f"{name}\t{doc.NamedRanges.getByName(name).Content}")
        doc.close(True)
    finally:
        office.terminate()
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))

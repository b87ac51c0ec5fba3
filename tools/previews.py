"""PNG previews of the first page of every document kind, for docs/documents/ (`make previews`).

Renders on a fresh demo workbook with pdftoppm (Debian's poppler-utils) at 60 dpi.
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from core import areas
from core.documents import GROUP_DOCUMENTS, LETTERS, WORKBOOK_DOCUMENTS, group_context
from core.enrollment.documents import sed_letters as sed
from core.records.checks import open_workbook
from core.setup import initialize
from core.store import XlsxStore, find_row
from core.timetable.documents import Selection, teacher_hours_pdf, timetable_pdf
from sheets_schema import TABS

areas.load()  # every area's rules and numberings, as the app and the CLI load them

GROUP_FOR = {"expulsion-order": "ПК-001-01", "certificates": "ПК-001-01", "certificate-register": "ПК-001-01"}


def main(out: Path = Path("docs/documents")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = XlsxStore(Path(folder) / "edudesk.xlsx")
        initialize(store, demo=True, today=date(2026, 11, 23))
        # The demo keeps a rate typed in words for the checks to find; documents with sums are refused until it
        # is fixed, so the previews fix it as staff would.
        services = store.read(["ПОУ_услуги"]).tabs["ПОУ_услуги"]
        for row in services.as_dicts():
            if isinstance(row.get("Ставка, ₽/чел.-ч"), str):
                store.update(find_row(services, "Код услуги", row["Код услуги"]), "Код услуги",
                             {"Ставка, ₽/чел.-ч": Decimal("150")})
        wb = open_workbook(store.read([t.name for t in TABS]).tabs, date(2026, 11, 23))
        documents = {kind: (lambda d=d, k=kind: d.render(group_context(wb, GROUP_FOR.get(k, "ПК-008-01"))))
                     for kind, d in GROUP_DOCUMENTS.items()}
        exam = wb.items("ДЭ_график")[0].item
        service = next(r.item for r in wb.items("ПОУ_услуги") if r.item.with_new_book)
        changed = wb.items("ПОУ_изменения")[0].item.service_code
        options = {"exam": exam.code, "year": exam.start.year, "organisation": exam.centre,
                   "service": service.code, "order": wb.items("ПОУ_ставки")[0].item.number,
                   "department": service.department, "group": "ПК-001-01"}
        unplanned = next(r.item for r in wb.items("ПОУ_услуги") if r.item.unplanned)
        per_kind = {"pay-change-memo": {"service": changed}, "pay-unplanned-memo": {"service": unplanned.code},
                    "pay-income-plan": {"year": service.start.year},
                    "pay-institution-plan": {"year": service.start.year}}
        documents |= {kind: (lambda b=build, k=kind: b(wb, {**options, **per_kind.get(k, {})}))
                      for kind, (_, build) in WORKBOOK_DOCUMENTS.items() if kind != "pay-price-memo"}
        documents["timetable-group"] = lambda: timetable_pdf(wb, Selection("group", "ПК-008-01"))
        documents["timetable-hours"] = lambda: teacher_hours_pdf(wb, date(2026, 11, 1), date(2026, 11, 30))
        for kind, build in documents.items():
            pdf = Path(folder) / f"{kind}.pdf"
            pdf.write_bytes(build())
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(out / kind)], check=True)
            print(out / f"{kind}.png")
        # The .docx letters for СЭД as LibreOffice (headless) lays them out, as a clerk opening them would see.
        for kind in ("sed-founder-letter", "sed-applications-request"):
            docx_file = Path(folder) / f"{kind}-docx.docx"
            docx_file.write_bytes(sed.to_docx(wb, LETTERS[kind](wb, {"group": "ПК-001-01"}), date(2026, 11, 23)))
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                            "pdf", "--outdir", folder, str(docx_file)], check=True, capture_output=True, timeout=180)
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            str(docx_file.with_suffix(".pdf")), str(out / f"{kind}-docx")], check=True)
            print(out / f"{kind}-docx.png")


if __name__ == "__main__":
    main()

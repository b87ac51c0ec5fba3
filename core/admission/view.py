"""The «Личные дела» page's table: a line per listener of a group, what came back and what is missing."""

from __future__ import annotations

from core.admission.files import files_by_listener, group_gaps, key
from core.records.checks import Workbook
from sheets_schema.enums import ListenerStatus


def _day(value) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def file_rows(wb: Workbook, group_code: str) -> list[dict]:
    """No personal value in it (no diploma numbers): what a colleague needs to chase the missing papers."""
    files, gaps = files_by_listener(wb), {key(g.listener_id): g for g in group_gaps(wb, group_code)}
    out = []
    for row in wb.items("Слушатели"):
        person = row.item
        if key(person.group_code) != key(group_code) or person.status == ListenerStatus.EXPELLED:
            continue
        file = files.get(key(person.id))
        out.append({"ID": person.id, "ФИО": person.full_name,
                    "Согласие": ("отозвано " + _day(file.consent_withdrawn)) if file and file.consent_withdrawn
                    else _day(file.consent) if file else "",
                    "Договор": (_day(file.contract_date) + (" подписан" if file.contract_signed else " не подписан"))
                    if file and file.contract_date else "",
                    "Образование": file.education.value if file and file.education else "",
                    "Не хватает": ", ".join(gaps[key(person.id)].missing) if key(person.id) in gaps else "—"})
    return sorted(out, key=lambda r: r["ФИО"] or "")

"""Forming study groups of at most 25 from approved applications (000 §1.5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from core.enrollment.rules import GROUP_LIMIT, balanced_sizes
from sheets_schema.enums import ApplicationStatus

READY = {ApplicationStatus.APPROVED, ApplicationStatus.CHECKED}


@dataclass
class ProposedGroup:
    code: str
    program_code: str
    start: date | None
    end: date | None
    members: list = field(default_factory=list)  # Application rows


def waiting_applications(applications, listeners, program_code: str) -> list:
    """Checked or approved applications of a program whose applicants are not yet listeners."""
    taken = {(item.application or "").casefold() for item in listeners}
    return [a for a in applications
            if (a.program_code or "").casefold() == program_code.casefold() and a.status in READY
            and (a.number or "").casefold() not in taken]


def propose_groups(program_code: str, applicants: list, existing_codes: set[str], start: date | None = None,
                   end: date | None = None, limit: int = GROUP_LIMIT) -> list[ProposedGroup]:
    """Balanced groups (26 → 13 + 13) with the next free codes «ПК-001-03», in the applicants' order."""
    ordered = sorted(applicants, key=lambda a: (a.last_name or "", a.first_name or "", a.middle_name or ""))
    groups, taken, cursor = [], {c.casefold() for c in existing_codes}, 0
    number = 0
    for size in balanced_sizes(len(ordered), limit):
        number += 1
        while f"{program_code}-{number:02d}".casefold() in taken:
            number += 1
        code = f"{program_code}-{number:02d}"
        groups.append(ProposedGroup(code, program_code, start, end, ordered[cursor:cursor + size]))
        cursor += size
    return groups


def next_listener_ids(existing_ids: list[str], count: int) -> list[str]:
    """С-0257, С-0258 … after the largest number in use."""
    numbers = [int(m[1]) for i in existing_ids if (m := re.fullmatch(r"С-(\d+)", i or ""))]
    first = max(numbers, default=0) + 1
    return [f"С-{n:04d}" for n in range(first, first + count)]


def rows_to_write(groups: list[ProposedGroup], existing_ids: list[str]) -> dict[str, list[dict]]:
    """«Группы» and «Слушатели» rows for the confirmed proposal."""
    ids = iter(next_listener_ids(existing_ids, sum(len(g.members) for g in groups)))
    group_rows = [{"Код группы": g.code, "Код программы": g.program_code, "Дата начала": g.start,
                   "Дата окончания": g.end} for g in groups]
    listener_rows = [{"ID слушателя": next(ids), "Код группы": g.code, "№ заявки": a.number,
                      "ФИО": full_name(a), "Статус": "обучается"} for g in groups for a in g.members]
    return {"Группы": group_rows, "Слушатели": listener_rows}


def full_name(application) -> str:
    return " ".join(p for p in (application.last_name, application.first_name, application.middle_name) if p)

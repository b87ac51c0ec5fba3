"""What a listener's file holds and lacks: the order is issued «на основании полученных от слушателей документов и
сведений» (000 §1.8), so each gap is named in words a methodist acts on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.platform.values import same_key as key
from core.records.checks import Workbook
from sheets_schema.enums import EducationLevel, ListenerStatus

TAB = "Личные_дела"
HOLDS_DIPLOMA = (EducationLevel.HIGHER, EducationLevel.VOCATIONAL)


def keeps_files(wb: Workbook) -> bool:
    """The institute keeps its listeners' files here (a «Личные_дела» tab with rows): only then is the order held to
    them — a tab just added by `edudesk init` to an older workbook changes nothing until it is filled."""
    parsed = wb.tabs.get(TAB)
    return parsed is not None and parsed.data.exists and bool(parsed.data.rows)


def files_by_listener(wb: Workbook) -> dict[str, object]:
    return {key(r.item.listener_id): r.item for r in wb.items(TAB) if r.item.listener_id}


def consent_withdrawn(wb: Workbook) -> set[str]:
    """Listener IDs (keys) whose consent to process personal data is withdrawn: no letters, no personal data shown."""
    return {k for k, f in files_by_listener(wb).items() if f.consent_withdrawn}


def required_documents(program) -> list[str]:
    """What else the programme's card asks for («Документы для зачисления», separated by «;»)."""
    return [p.strip() for p in re.split(r"[;\n]", (program.admission_documents or "") if program else "") if p.strip()]


def missing_items(file, program, surname: str) -> list[str]:
    """What the file lacks for the order (empty: complete)."""
    if file is None:
        return ["личное дело не заведено (согласие, договор, документ об образовании)"]
    out = []
    if file.consent_withdrawn:
        out.append(f"согласие на обработку ПДн отозвано {file.consent_withdrawn:%d.%m.%Y}")
    elif not file.consent:
        out.append("согласие на обработку ПДн")
    if not (file.contract_signed and file.contract_date):
        out.append("подписанный договор (отметка и дата)")
    if file.education is None:
        out.append("уровень образования")
    elif file.education == EducationLevel.NONE:
        out.append("нет высшего или среднего профессионального образования (273-ФЗ ст. 76 ч. 3)")
    elif file.education in HOLDS_DIPLOMA:
        blanks = [what for what, value in (("фамилия", file.diploma_surname), ("серия", file.diploma_series),
                                           ("номер", file.diploma_number), ("дата выдачи", file.diploma_date)) if not value]
        if blanks:
            out.append("документ об образовании: " + ", ".join(blanks))
        elif key(file.diploma_surname) != key(surname) and not file.name_change:
            out.append("документ о смене фамилии (в документе об образовании — другая фамилия)")
    received = key(file.other_documents)
    out += [doc for doc in required_documents(program) if key(doc) not in received]
    return out


@dataclass(frozen=True)
class Gap:
    listener_id: str
    full_name: str
    missing: tuple[str, ...]

    def said(self) -> str:
        return f"{self.full_name}: {', '.join(self.missing)}"


def gaps_by_group(wb: Workbook) -> Mapping[str, tuple[Gap, ...]]:
    """Group code (key) → its listeners whose file is incomplete, with what each lacks; in one pass over the
    listeners (a rule looks at every group), once per version of the workbook for every page that asks (the
    documents of a group, the Moodle list, the files page and two rules each ask). Empty when no files are kept
    here."""
    return wb.derived("admission.gaps_by_group", lambda: _gaps_by_group(wb))


def _gaps_by_group(wb: Workbook) -> Mapping[str, tuple[Gap, ...]]:
    if not keeps_files(wb):
        return {}
    groups = {key(r.item.code): r.item for r in wb.items("Группы") if r.item.code}
    programs = {key(r.item.code): r.item for r in wb.items("Программы") if r.item.code}
    files = files_by_listener(wb)
    counted = Counter(key(r.item.id) for r in wb.items("Слушатели") if r.item.id)
    gaps: dict[str, list[Gap]] = {}
    for row in wb.items("Слушатели"):
        person = row.item
        if person.status == ListenerStatus.EXPELLED or counted[key(person.id)] > 1:
            continue  # an ID given twice is GEN-KEY's error to fix first: whose file it is can't be told
        group = groups.get(key(person.group_code))
        program = programs.get(key(group.program_code)) if group else None
        missing = missing_items(files.get(key(person.id)), program, (person.full_name or "").split(" ")[0])
        if missing:
            gaps.setdefault(key(person.group_code), []).append(
                Gap(person.id, person.full_name or person.id, tuple(missing)))
    return MappingProxyType({code: tuple(sorted(found, key=lambda g: g.full_name)) for code, found in gaps.items()})


def group_gaps(wb: Workbook, group_code: str) -> tuple[Gap, ...]:
    """The group's listeners whose file is incomplete (none when no files are kept here)."""
    return gaps_by_group(wb).get(key(group_code), ())

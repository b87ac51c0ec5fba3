"""Rules ADM-*: the listener's file before the order (000 §1.7–1.8) and the education a ДПО programme requires."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from core.admission.files import TAB, gaps_by_group, keeps_files, key
from core.records.checks import Rule, Workbook, rule
from core.records.findings import Finding, Severity
from sheets_schema.enums import EducationLevel

AREA = "Личные дела"
DAYS_BEFORE_START = 3  # the documents come back in time for the order, issued before the first class


def _named(gaps, shown: int = 5) -> str:
    """Who lacks what, the first few of them (a finding is read in one line)."""
    return "; ".join(g.said() for g in gaps[:shown]) + ("; …" if len(gaps) > shown else "")


@rule("ADM-EDUCATION", "273-ФЗ ст. 76 ч. 3", Severity.ERROR,
      "Слушатель ДПО имеет или получает высшее или среднее профессиональное образование", AREA)
def education_allowed(wb: Workbook, r: Rule) -> Iterator[Finding]:
    for row in wb.items(TAB):
        if row.item.education == EducationLevel.NONE:
            yield r.finding(wb[TAB], row.row, "education", "Без высшего или среднего профессионального образования "
                            "(и не получая его) слушателя нельзя зачислить на программу ДПО.")


@rule("ADM-ORDER-FILES", "000 п. 1.8", Severity.ERROR,
      "Приказ о зачислении — по полученным документам: личные дела слушателей группы полны", AREA)
def order_on_complete_files(wb: Workbook, r: Rule) -> Iterator[Finding]:
    if not keeps_files(wb):
        return
    everyone = gaps_by_group(wb)
    for row in wb.items("Группы"):
        group = row.item
        if not group.order_date:
            continue
        gaps = everyone.get(key(group.code), [])
        if gaps:
            yield r.finding(wb["Группы"], row.row, "order_date",
                            f"Приказ о зачислении группы {group.code} издан, а личные дела неполны у "
                            f"{len(gaps)}: {_named(gaps)} (лист «Личные_дела»).")


@rule("ADM-DOCS-DUE", "000 п. 1.7–1.8", Severity.WARNING,
      "Документы для зачисления получены не позже чем за 3 дня до начала обучения", AREA)
def documents_in_time(wb: Workbook, r: Rule) -> Iterator[Finding]:
    """Tracked like the other deadlines: the file is due three days before the start, for the order to be issued."""
    if not keeps_files(wb):
        return
    everyone = gaps_by_group(wb)
    for row in wb.items("Группы"):
        group = row.item
        if not group.start or group.order_date or wb.today <= group.start - timedelta(days=DAYS_BEFORE_START):
            continue
        gaps = everyone.get(key(group.code), [])
        if gaps:
            yield r.finding(wb["Группы"], row.row, "code",
                            f"Группа {group.code} начинает {group.start:%d.%m.%Y}: документы для зачисления нужны "
                            f"были к {group.start - timedelta(days=DAYS_BEFORE_START):%d.%m.%Y}, не получены у "
                            f"{len(gaps)} — {_named(gaps)}.")


"""Official documents as PDF (fpdf2, PT Serif). One registry of kinds for the pages and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.enrollment.documents import sed_letters as sed
from core.enrollment.documents.certificates import certificate_register, certificates
from core.enrollment.documents.class_sheets import attendance_sheet, badges, registration_sheet, statement
from core.enrollment.documents.context import (
    CURATOR,
    DATES,
    FILES,
    HOURS,
    INSTITUTION,
    PROGRAM,
    GroupContext,
    group_context,
    missing_in_group,
)
from core.enrollment.documents.letters import info_letter, reminder_letter
from core.enrollment.documents.orders import enrollment_order, expulsion_order
from core.exam.documents import (
    draw_protocol,
    plan_summary,
    recorded_draw_number,
    recorded_places,
    report_app1,
    report_app2,
    targets_report,
)
from core.paid import documents as paid
from core.paid import settlement_documents as settlement
from core.platform.document_layout import refuse_incomplete
from core.platform.errors import EduDeskError
from core.roadmap.report import roadmap_status


@dataclass(frozen=True)
class GroupDocument:
    kind: str  # the CLI name
    title: str  # what the page's button says
    build: Callable[..., bytes]
    needs: tuple[str, ...]  # what must be filled in (context.PROGRAM, … and «Настройки» parameters)
    batch: bool = False  # one page per listener: reports progress while it renders

    def missing(self, ctx: GroupContext) -> list[str]:
        return missing_in_group(ctx, self.needs)

    def render(self, ctx: GroupContext, progress: Callable[[int, int], None] | None = None) -> bytes:
        refuse_incomplete(self.title, self.missing(ctx))
        return self.build(ctx, progress=progress) if self.batch else self.build(ctx)


_ORDER = (PROGRAM, HOURS, DATES, *INSTITUTION, "Исполнитель")
_SHEET = (PROGRAM, HOURS, CURATOR, "Полное наименование")
GROUP_DOCUMENTS: dict[str, GroupDocument] = {d.kind: d for d in (
    # 000 §1.8: the order, and what follows it (registration, badges), only on the listeners' complete files
    GroupDocument("enrollment-order", "Приказ о зачислении", enrollment_order, (*_ORDER, FILES)),
    GroupDocument("expulsion-order", "Приказ об отчислении и выдаче удостоверений", expulsion_order, _ORDER),
    GroupDocument("registration-sheet", "Лист регистрации", registration_sheet, (*_SHEET, FILES)),
    GroupDocument("badges", "Бейджи (8 на листе)", badges, ("Краткое наименование", FILES)),
    GroupDocument("attendance", "Лист посещаемости", attendance_sheet, _SHEET),
    GroupDocument("statement", "Ведомость успеваемости", statement, _SHEET),
    GroupDocument("certificates", "Удостоверения", certificates,
                  (PROGRAM, HOURS, DATES, *INSTITUTION, "Краткое наименование"), batch=True),
    GroupDocument("certificate-register", "Реестр выданных удостоверений", certificate_register,
                  (PROGRAM, HOURS, "Полное наименование", "Секретарь")),
    GroupDocument("info-letter", "Информационное письмо", info_letter, _ORDER),
    GroupDocument("reminder-letter", "Напоминание о первом занятии", reminder_letter,
                  (PROGRAM, HOURS, DATES, CURATOR, "Полное наименование")),
)}

# Documents of the whole workbook (not of one group): kind → (title, build(workbook, options) → bytes).
# options: exam, year, organisation, … — what the command line or the page supplies.
WORKBOOK_DOCUMENTS: dict[str, tuple[str, Callable[..., bytes]]] = {
    "roadmap-status": ("Статус дорожной карты", lambda wb, o: roadmap_status(wb)),
    "de-plan-summary": ("ДЭ: памятка участнику (--exam)", lambda wb, o: plan_summary(wb, _need(o, "exam"))),
    "de-draw-protocol": ("ДЭ: протокол распределения рабочих мест (--exam)",
                         lambda wb, o: draw_protocol(wb, _need(o, "exam"), recorded_places(wb, o["exam"]),
                                                     recorded_draw_number(wb, o["exam"]))),
    "de-report": ("ДЭ: приложение 1, отчёт о проведении (--organisation --year)",
                  lambda wb, o: report_app1(wb, _need(o, "organisation"), int(_need(o, "year")), wb.today)),
    "de-targets": ("ДЭ: п. 12.1, отчёт о выполнении целевых показателей (--organisation --year)",
                   lambda wb, o: targets_report(wb, _need(o, "organisation"), int(_need(o, "year")), wb.today)),
    "de-finance": ("ДЭ: приложение 2, отчёт о финансировании (--year)",
                   lambda wb, o: report_app2(wb, int(_need(o, "year")))),
    "sed-founder-letter": ("СЭД: письмо учредителю со списками (--group; .pdf или .docx)",
                           lambda wb, o: sed.to_pdf(wb, LETTERS["sed-founder-letter"](wb, o))),
    "sed-applications-request": ("СЭД: письмо о сборе заявок (.pdf или .docx)",
                                 lambda wb, o: sed.to_pdf(wb, LETTERS["sed-applications-request"](wb, o))),
    "pay-rate-order": ("ПОУ: прил. 1, приказ о диапазоне стоимости чел.-ч (--order)",
                       lambda wb, o: paid.rate_order(wb, _need(o, "order"))),
    "pay-cost": ("ПОУ: прил. 2, расчёт стоимости (--service)", lambda wb, o: paid.cost_calculation(wb, _need(o, "service"))),
    "pay-income-plan": ("ПОУ: прил. 3, план дохода кафедры (--department --year)",
                        lambda wb, o: paid.income_plan(wb, int(_need(o, "year")), _need(o, "department"))),
    "pay-institution-plan": ("ПОУ: план дохода Учреждения (--year)",
                             lambda wb, o: paid.income_plan(wb, int(_need(o, "year")))),
    "pay-unplanned-memo": ("ПОУ: прил. 4, записка о внеплановой услуге (--service)",
                           lambda wb, o: paid.unplanned_memo(wb, _need(o, "service"))),
    "pay-change-memo": ("ПОУ: прил. 5, записка об изменении (--service)",
                        lambda wb, o: paid.change_memo(wb, _need(o, "service"))),
    "pay-price-memo": ("ПОУ: прил. 6, записка об изменении стоимости (--service)",
                       lambda wb, o: paid.price_memo(wb, _need(o, "service"))),
    "pay-estimate": ("ПОУ: прил. 7, смета (--service)", lambda wb, o: settlement.estimate_doc(wb, _need(o, "service"))),
    "pay-protocol": ("ПОУ: прил. 8, выписка из протокола (--service)",
                     lambda wb, o: settlement.protocol_extract(wb, _need(o, "service"))),
    "pay-bonus-memo": ("ПОУ: прил. 9, записка о стимулирующих выплатах (--service)",
                       lambda wb, o: settlement.bonus_memo(wb, _need(o, "service"))),
}


# Letters that also come as .docx, to edit before registering them in СЭД «Садко».
LETTERS = {
    "sed-founder-letter": lambda wb, o: sed.founder_letter(wb, _need(o, "group")),
    "sed-applications-request": lambda wb, o: sed.applications_request(wb),
}


def _need(options: dict, name: str):
    if options.get(name) in (None, ""):
        raise EduDeskError(f"Укажите --{name}.")
    return options[name]

__all__ = ["GROUP_DOCUMENTS", "WORKBOOK_DOCUMENTS", "GroupContext", "GroupDocument", "group_context"]

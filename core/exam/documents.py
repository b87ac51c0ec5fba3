"""Demonstration exam documents (seeds/003): the draw protocol, App 1 and App 2 reports, the plan summary."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from core.exam.calc import CHARGES, RATE, ROLE_NAMES, cost_line, exam_cost
from core.exam.rules import consumables, exams_of_year
from core.platform.dates_ru import long_date, short_date
from core.platform.display import ru_number
from core.platform.document_layout import Document
from core.platform.errors import EduDeskError
from core.platform.exports import to_xlsx
from core.platform.money import format_rub, kopecks, number
from core.records.checks import Workbook, settings_of
from core.store.base import canonical
from sheets_schema.enums import Employment


def exam_by_code(wb: Workbook, code: str):
    for row in wb.items("ДЭ_график"):
        if canonical(row.item.code).casefold() == code.casefold():
            return row.item
    known = ", ".join(r.item.code for r in wb.items("ДЭ_график") if r.item.code)
    raise EduDeskError(f"Нет экзамена «{code}». Экзамены: {known or 'нет ни одного'}.")


def _rows_of(wb: Workbook, tab: str, code: str) -> list:
    return [r.item for r in wb.items(tab) if canonical(r.item.exam_code).casefold() == code.casefold()]


def recorded_places(wb: Workbook, code: str) -> dict[str, int]:
    """Workplaces already written to «ДЭ_участники» for this exam."""
    places = {p.full_name: p.workplace for p in _rows_of(wb, "ДЭ_участники", code) if p.workplace is not None}
    if not places:
        raise EduDeskError(f"У экзамена «{code}» рабочие места ещё не распределены (страница «Жеребьёвка мест»).")
    return places


def recorded_draw_number(wb: Workbook, code: str) -> int | None:
    """The number of the draw whose places are in the sheet (column «Число жеребьёвки» of «ДЭ_график»)."""
    return exam_by_code(wb, code).draw_number


def draw_protocol(wb: Workbook, code: str, assignment: dict[str, int], draw_number: int | None,
                  day: date | None = None) -> bytes:
    """Протокол распределения рабочих мест (§9.11): the draw's number, places, a signature line for each participant."""
    exam = exam_by_code(wb, code)
    chief = next((e.full_name for e in _rows_of(wb, "ДЭ_эксперты", code) if e.role and e.role.value == "ГЭ"), None)
    doc = Document(title=f"Протокол распределения рабочих мест, {code}")
    doc.add_page()
    doc.heading("ПРОТОКОЛ\nраспределения рабочих мест между участниками демонстрационного экзамена")
    doc.paragraph(f"Экзамен {exam.code}: {exam.specialty_code or ''} {exam.specialty or ''}, КОД {exam.kod or '—'}, "
                  f"{exam.attestation.value if exam.attestation else ''}. ЦПДЭ: {exam.centre or '—'}, "
                  f"{exam.centre_address or ''}. Дата распределения: {long_date(day or exam.prep_day or date.today())}",
                  indent=False, size=11)
    repeat = (f"Число жеребьёвки: {draw_number}; жеребьёвка с тем же числом по тому же списку участников (в порядке "
              "листа «ДЭ_участники») даёт то же распределение." if draw_number is not None
              else "Распределение перенесено из таблицы участников.")
    doc.paragraph(f"Рабочие места распределены методом случайной выборки в присутствии участников (003 п. 9.11). {repeat}",
                  indent=False, size=11)
    rows = sorted(assignment.items(), key=lambda kv: kv[1])
    doc.table(["№", "Фамилия, имя, отчество участника", "Рабочее место", "Подпись участника"],
              [(i, name, place, "") for i, (name, place) in enumerate(rows, start=1)], widths=(12, 88, 30, 40),
              align=("CENTER", "LEFT", "CENTER", "LEFT"))
    doc.signature("Главный эксперт", chief)
    return doc.bytes()


def plan_summary(wb: Workbook, code: str) -> bytes:
    """A one-page plan of the exam for participants."""
    exam = exam_by_code(wb, code)
    doc = Document(title=f"План ДЭ для участников, {code}")
    doc.add_page()
    doc.institution_header(settings_of(wb))
    doc.heading(f"Демонстрационный экзамен {exam.code}: памятка участнику")
    lines = [
        ("Специальность", f"{exam.specialty_code or ''} {exam.specialty or ''}".strip()),
        ("Вид аттестации", exam.attestation.value if exam.attestation else ""),
        ("Дата экзамена", long_date(exam.start) if exam.start else ""),
        ("Подготовительный день", long_date(exam.prep_day) if exam.prep_day else "за один рабочий день до экзамена"),
        ("Центр проведения (ЦПДЭ)", f"{exam.centre or ''}, {exam.centre_address or ''}"),
        ("Продолжительность", f"{number(exam.duration_hours)} ч" if exam.duration_hours else ""),
        ("Рабочих мест", str(exam.workplaces or "")),
        ("Куратор", f"{exam.curator or ''} {exam.curator_phone or ''}".strip()),
    ]
    doc.table(["", ""], lines, widths=(60, 110), align=("LEFT", "LEFT"), size=11)
    for text in ("Рабочие места распределяются жеребьёвкой в подготовительный день; результат фиксируется в протоколе, "
                 "который участники подписывают (п. 9.11).",
                 "На ознакомление с заданием даётся не менее 15 минут; это время не входит во время экзамена (п. 10.6).",
                 "При себе иметь документ, удостоверяющий личность. Участник, не явившийся на экзамен, исключается "
                 "из списка участников (п. 7.9)."):
        doc.paragraph(text)
    return doc.bytes()


def _commission_rows(wb: Workbook, exams: list) -> list[list]:
    rows = []
    for exam in exams:
        for e in _rows_of(wb, "ДЭ_эксперты", exam.code):
            if e.role is None:
                continue
            # App 1 §3 lists «ГЭ/Э/ТЭ с учетом налогов» and its own formulas, col. 10 = 8 × 9 and 13 = 11 × 12: the
            # base (col. 9, 12) is the hour's rate with the charges of the person's employment (920 × 1,302 =
            # 1 197,84), so that the product printed is the norm §6 and App 2 count (exam.calc.cost_line).
            base = kopecks(RATE[e.role] * (1 + CHARGES[e.employment or Employment.CIVIL]))
            plan = cost_line(e.role, e.full_name, e.hours_plan, e.employment).total
            held = e.hours_fact is not None
            fact = cost_line(e.role, e.full_name, e.hours_fact, e.employment).total if held else None
            reason = "" if not held or plan == fact else "фактические часы отличаются от плановых"
            rows.append([ROLE_NAMES[e.role], exam.fgos.value if exam.fgos else "", exam.attestation.value if exam.attestation else "",
                         exam.participant_status.value if exam.participant_status else "",
                         f"{exam.specialty_code or ''} {exam.specialty or ''}".strip(), e.full_name, e.hours_plan or 0,
                         base, plan, e.hours_fact if held else "", base, fact, reason])
    return rows


def _exams_of(wb: Workbook, organisation: str, year: int) -> list:
    exams = [e for e in exams_of_year(wb, year) if (e.centre or e.organisation) == organisation]
    if not exams:
        raise EduDeskError(f"У «{organisation}» нет экзаменов в {year} году (ЦПДЭ на листе «ДЭ_график»).")
    return exams


def report_rows(wb: Workbook, organisation: str, year: int) -> dict[str, list]:
    """App 1 tables for one organisation and year: exams, commission, infrastructure, budget."""
    exams = _exams_of(wb, organisation, year)
    plan_extra, fact_extra = consumables(wb), consumables(wb, fact=True)
    participants = defaultdict(int)
    for row in wb.items("ДЭ_участники"):
        if row.item.present is not False:
            participants[canonical(row.item.exam_code).casefold()] += 1
    spec = lambda e: f"{e.specialty_code or ''} {e.specialty or ''}".strip()  # noqa: E731
    return {
        "exams": [[i, e.fgos.value if e.fgos else "", spec(e), e.attestation.value if e.attestation else "",
                   e.centre_address or "", e.participant_status.value if e.participant_status else "",
                   f"{short_date(e.start)}–{short_date(e.end or e.start)}", participants[e.code.casefold()]]
                  for i, e in enumerate(exams, start=1)],
        "commission": _commission_rows(wb, exams),
        "infrastructure": [[i, e.fgos.value if e.fgos else "", e.attestation.value if e.attestation else "",
                            e.participant_status.value if e.participant_status else "", spec(e),
                            plan_extra.get(e.code.casefold(), Decimal(0)), fact_extra.get(e.code.casefold(), Decimal(0)), ""]
                           for i, e in enumerate(exams, start=1)],
        "broadcasts": [[i, e.fgos.value if e.fgos else "", e.attestation.value if e.attestation else "",
                        e.participant_status.value if e.participant_status else "", spec(e),
                        f"{short_date(e.start)}–{short_date(e.end)}" if e.end and e.end != e.start else short_date(e.start),
                        e.broadcast or "не указана (лист «ДЭ_график», «Ссылка на трансляцию»)"]
                       for i, e in enumerate(exams, start=1)],
        "budget": [[i, e.fgos.value if e.fgos else "", e.attestation.value if e.attestation else "",
                    e.participant_status.value if e.participant_status else "", spec(e),
                    exam_cost(_rows_of(wb, "ДЭ_эксперты", e.code), fact_extra.get(e.code.casefold(), 0),
                              fact=True).total] for i, e in enumerate(exams, start=1)],
    }


def _numbers(columns: int) -> list[str]:
    """The row of column numbers under a table's head, as the seed's form has it (its notes refer to them)."""
    return [str(n) for n in range(1, columns + 1)]


def _outgoing(doc: Document, organisation: str, day: date | None) -> None:
    """The form's note: «оформляется на бланке образовательной организации с указанием даты и исходящего номера» —
    the organisation that held the exams (the ЦПДЭ), whose director signs."""
    doc.bold_line(organisation, align="C")
    doc.paragraph(f"{long_date(day or date.today())}   исх. № ________", indent=False, size=11)


def report_app1(wb: Workbook, organisation: str, year: int, day: date | None = None) -> bytes:
    data = report_rows(wb, organisation, year)
    doc = Document(orientation="landscape", title=f"Отчёт о проведении ДЭ, {organisation}")
    doc.add_page()
    _outgoing(doc, organisation, day)
    doc.heading("ОТЧЁТ\nо проведении демонстрационного экзамена организации")
    doc.paragraph(f"1. Наименование образовательной организации: {organisation}", indent=False)
    doc.paragraph("2. Сроки проведения и количество участников:", indent=False)
    doc.table(["N", "ФГОС", "Профессия/специальность", "Вид аттестации", "Адрес ЦПДЭ", "Категория", "Сроки", "Кол-во, чел."],
              [_numbers(8), *data["exams"]], widths=(10, 30, 55, 25, 55, 25, 37, 20), size=8)
    doc.paragraph("3. Состав экзаменационной комиссии (базовая стоимость часа с учётом налогов — норматив п. 11.7 "
                  "с начислениями: штат 30,2\u00a0%, ГПХ 30\u00a0%; нормативная стоимость = часы × базовая стоимость; факт — "
                  "после экзамена):", indent=False)
    money = [[i, *r[:6], number(r[6]), format_rub(r[7], False), format_rub(r[8], False),
              "" if r[9] == "" else number(r[9]), format_rub(r[10], False), "" if r[11] is None else format_rub(r[11], False),
              r[12]] for i, r in enumerate(data["commission"], 1)]
    doc.table(["N", "Роль", "ФГОС", "Вид", "Категория", "Специальность", "ФИО", "План, ч", "База",
               "Норм. ст. (8 × 9)", "Факт, ч", "База", "Норм. ст. (11 × 12)", "Причина (10 − 13)"],
              [_numbers(14), *money], widths=(8, 24, 26, 12, 16, 29, 30, 12, 12, 20, 12, 12, 20, 24), size=7)
    doc.paragraph("4. Предоставление инфраструктуры (расходные материалы по КОД), ₽:", indent=False)
    doc.table(["N", "ФГОС", "Вид", "Категория", "Специальность", "План (по смете)", "Факт", "Причина отклонения"],
              [_numbers(8), *([*r[:5], format_rub(r[5], False), format_rub(r[6], False), r[7]]
                              for r in data["infrastructure"])],
              widths=(10, 30, 20, 25, 60, 35, 35, 42), size=8)
    doc.paragraph("5. Ссылки на онлайн-трансляции экзаменов:", indent=False)
    doc.table(["N", "ФГОС", "Вид аттестации", "Категория", "Специальность", "Дата", "Ссылка"],
              [_numbers(7), *data["broadcasts"]], widths=(8, 28, 26, 26, 55, 34, 80), size=8)
    doc.paragraph("6. Общий бюджет, ₽ (бюджетные средства — по нормативам п. 11.7):", indent=False)
    doc.table(["N", "ФГОС", "Вид аттестации", "Категория", "Специальность", "Бюджетные средства", "Внебюджетные",
               "Средства работодателей", "Другое", "ИТОГО"],
              [_numbers(10), *([*r[:5], format_rub(r[5], False), "", "", "", format_rub(r[5], False)]
                               for r in data["budget"])],
              widths=(8, 26, 22, 22, 45, 30, 25, 30, 18, 30), size=8)
    doc.signature("Директор", None)  # the ЦПДЭ's director (the form: «Директор ____/____/»), not the institute's
    return doc.bytes()


TARGET = ("Участники образовательной организации прошли государственную итоговую или промежуточную аттестацию в "
          "форме ДЭ")


def targets_rows(wb: Workbook, organisation: str, year: int) -> list[list]:
    """§12.1: the one target of section 3 — participants planned and those who sat the exam — with the reason."""
    exams = _exams_of(wb, organisation, year)
    codes = {e.code.casefold() for e in exams}
    planned = sum(e.planned_participants or 0 for e in exams)
    present = sum(1 for r in wb.items("ДЭ_участники")
                  if r.item.present is True and canonical(r.item.exam_code).casefold() in codes)
    reason = f"неявка участников ({planned - present} чел., п. 7.9)" if present < planned else ""
    return [[TARGET, planned, present, reason]]


def targets_report(wb: Workbook, organisation: str, year: int, day: date | None = None) -> bytes:
    """003 п. 12.1: the report on the targets of section 3, within 10 working days of the exam."""
    rows = targets_rows(wb, organisation, year)
    doc = Document(title=f"Отчёт о выполнении целевых показателей ДЭ, {organisation}")
    doc.add_page()
    _outgoing(doc, organisation, day)
    doc.heading(f"ОТЧЁТ\nо выполнении целевых показателей (раздел 3 Порядка) за {year} год")
    doc.paragraph(f"Образовательная организация: {organisation}", indent=False)
    doc.table(["Наименование показателя", "Плановый результат, чел.", "Фактический результат, чел.",
               "Причины невыполнения (при наличии)"], rows, widths=(70, 30, 30, 40), size=10)
    doc.signature("Директор", None)
    return doc.bytes()


def finance_rows(wb: Workbook, year: int) -> list[list]:
    """App 2: per organisation, budget by estimate and spent (thousand ₽), participants plan and fact."""
    from core.exam.rules import costs_by_exam

    plan, fact = costs_by_exam(wb), costs_by_exam(wb, fact=True)
    present = defaultdict(int)
    for row in wb.items("ДЭ_участники"):
        if row.item.present is True:
            present[canonical(row.item.exam_code).casefold()] += 1
    by_org: dict[str, list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0, 0])
    for exam in exams_of_year(wb, year):
        totals = by_org[exam.centre or exam.organisation or "не указана"]
        totals[0] += plan.get(exam.code, 0)
        totals[1] += fact.get(exam.code, 0)
        totals[2] += exam.planned_participants or 0
        totals[3] += present[exam.code.casefold()]
    rows = []
    for i, (org, (budget, spent, planned, actual)) in enumerate(sorted(by_org.items()), start=1):
        # «% выполнения» to one decimal, half up as people round (33 of 80 is 41,25 → 41,3, never 41,2)
        percent = ru_number((Decimal(actual) * 100 / planned).quantize(Decimal("0.1"), ROUND_HALF_UP)) if planned else ""
        rows.append([i, org, _thousands(budget), _thousands(spent), _thousands(budget - spent), "Количество участников",
                     planned, actual, planned - actual, percent, "неявка участников" if actual < planned else ""])
    return rows


def _thousands(value: Decimal) -> str:
    """Thousands of roubles as the report's other sums are printed: «1 234,57»."""
    return format_rub(value / 1000, False)


FINANCE_HEADERS = ["N", "Организация", "Бюджет по смете, т. р.", "Реализовано, т. р.", "Расхождение, т. р.",
                   "Показатель", "План, чел.", "Факт, чел.", "Расхождение, чел.", "% выполнения", "Причина отклонения"]


def finance_or_refuse(wb: Workbook, year: int) -> list[list]:
    """App 2's rows, or a Russian refusal when the year has no exams."""
    rows = finance_rows(wb, year)
    if not rows:
        raise EduDeskError(f"В {year} году нет экзаменов на листе «ДЭ_график».")
    return rows


def report_app2(wb: Workbook, year: int) -> bytes:
    rows = finance_or_refuse(wb, year)
    doc = Document(orientation="landscape", title=f"Отчёт о финансировании ДЭ, {year}")
    doc.add_page()
    doc.heading(f"Отчёт\nо финансировании демонстрационного экзамена за {year} год")
    doc.table(FINANCE_HEADERS, rows, widths=(8, 50, 22, 22, 22, 26, 15, 15, 20, 20, 37), size=8)
    doc.signature("Директор", settings_of(wb).get("Руководитель"))
    return doc.bytes()


def report_app2_xlsx(wb: Workbook, year: int) -> bytes:
    return to_xlsx(FINANCE_HEADERS, finance_rows(wb, year), "Приложение 2")


def report_app1_xlsx(wb: Workbook, organisation: str, year: int) -> bytes:
    data = report_rows(wb, organisation, year)
    headers = ["N", "Роль", "ФГОС", "Вид аттестации", "Категория", "Специальность", "ФИО", "План, ч",
               "Базовая стоимость", "Нормативная стоимость", "Факт, ч", "Базовая стоимость", "Нормативная стоимость",
               "Причина отклонения"]
    return to_xlsx(headers, [[i, *r] for i, r in enumerate(data["commission"], start=1)], "Комиссия")

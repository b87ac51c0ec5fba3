"""Demonstration exam, ДЭ (DOMAIN §5, seeds/003)."""

from datetime import date
from decimal import Decimal

from .base import SheetRow
from .common import col
from .enums import AttestationKind, CostSource, Employment, ExamLevel, ExpertRole, FgosKind, ParticipantStatus


class Exam(SheetRow):
    code: str = col("Код экзамена", required=True)
    organisation: str = col("Организация участников", required=True)
    study_group: str | None = col("Учебная группа")
    centre: str | None = col("ЦПДЭ")
    centre_address: str | None = col("Адрес ЦПДЭ")
    attestation: AttestationKind = col("Вид аттестации", required=True)
    kod: str | None = col("КОД")
    level: ExamLevel | None = col("Уровень")
    fgos: FgosKind | None = col("ФГОС")
    specialty_code: str | None = col("Код специальности")
    specialty: str | None = col("Специальность")
    start: date = col("Дата начала", required=True)
    end: date | None = col("Дата окончания")
    participant_status: ParticipantStatus | None = col("Статус участников")
    curator: str | None = col("Куратор")
    curator_phone: str | None = col("Телефон куратора", personal=True)
    planned_participants: int | None = col("Участников по плану", nonnegative=True)
    workplaces: int | None = col("Рабочих мест", positive=True)
    duration_hours: Decimal | None = col("Продолжительность, ч", positive=True)
    plan_approved: date | None = col("План утверждён")
    plan_informed: date | None = col("Ознакомление с планом")
    chief_appointed: date | None = col("ГЭ назначен")
    group_formed: date | None = col("Экспертная группа сформирована")
    plan_changed: date | None = col("Изменение плана")
    readiness_checked: date | None = col("Проверка готовности")
    prep_day: date | None = col("Подготовительный день")
    draw_number: int | None = col("Число жеребьёвки")  # the draw of workplaces, kept so it can be repeated
    cost_sent: date | None = col("Расчёт стоимости направлен")
    report_sent: date | None = col("Отчёт направлен")
    broadcast: str | None = col("Ссылка на трансляцию")  # App 1 §5; last: staff workbooks keep their columns


class Expert(SheetRow):
    exam_code: str = col("Код экзамена", required=True)
    role: ExpertRole = col("Роль", required=True)
    full_name: str = col("ФИО", required=True)
    organisation: str | None = col("Организация")
    employment: Employment | None = col("Штат/ГПХ")
    in_registry: bool | None = col("В реестре")
    trained_participants: bool | None = col("Готовил участников")
    hours_plan: Decimal | None = col("Часы план", nonnegative=True)
    hours_fact: Decimal | None = col("Часы факт", nonnegative=True)


class ExamParticipant(SheetRow):
    exam_code: str = col("Код экзамена", required=True)
    full_name: str = col("ФИО", required=True)
    organisation: str | None = col("Организация")
    category: ParticipantStatus | None = col("Категория")
    present: bool | None = col("Явка")
    workplace: int | None = col("Рабочее место", positive=True)
    points: Decimal | None = col("Баллы", nonnegative=True)
    max_points: Decimal | None = col("Максимум баллов", positive=True)


class ExamCost(SheetRow):
    exam_code: str = col("Код экзамена", required=True)
    item: str = col("Статья", required=True)
    plan: Decimal | None = col("План, ₽", nonnegative=True, money=True)
    fact: Decimal | None = col("Факт, ₽", nonnegative=True, money=True)
    source: CostSource | None = col("Источник")


class ExamReports(SheetRow):
    """One organisation's (ЦПДЭ) reports for a year, after its last exam (003 п. 12.2–12.5)."""

    organisation: str = col("Организация (ЦПДЭ)", required=True)
    year: int = col("Год", required=True)
    package_sent: date | None = col("Пакет отчётов направлен РО")
    agreed: date | None = col("Согласовано РО")
    to_department: date | None = col("Направлено в Департамент")
    operator_sent: date | None = col("РО направил в Департамент")
    # 003 п. 12.7: the state-task report in ПИВ АСУ ГФ, each quarter and for the academic year
    quarter_1: date | None = col("Отчёт о ГЗ за I квартал")
    quarter_2: date | None = col("Отчёт о ГЗ за II квартал")
    quarter_3: date | None = col("Отчёт о ГЗ за III квартал")
    quarter_4: date | None = col("Отчёт о ГЗ за IV квартал")
    academic_year: date | None = col("Отчёт о ГЗ за учебный год")
    # 003 п. 13: the reports to ГКУ ЦФО ДОНМ and, when the task is not met, the return of the subsidy
    preliminary: date | None = col("Предварительный отчёт в ЦФО")
    annual: date | None = col("Годовой отчёт в ЦФО")
    task_met: bool | None = col("ГЗ выполнено")
    return_amount: Decimal | None = col("Сумма возврата, ₽", nonnegative=True, money=True)
    return_calculated: date | None = col("Расчёт возврата получен")
    returned: date | None = col("Субсидия возвращена")

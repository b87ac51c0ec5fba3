"""Assessment procedures and the State management-training plan (DOMAIN §2–3, seeds/000 Part 2)."""

from datetime import date

from .base import SheetRow
from .common import col
from .enums import AssessmentGoal, AssessmentKind, CandidateStatus


class Candidate(SheetRow):
    id: str = col("ID кандидата", required=True)
    full_name: str = col("ФИО", required=True)
    organisation: str | None = col("Организация")
    position: str | None = col("Должность")
    email: str | None = col("E-mail", personal=True)
    kind: AssessmentKind = col("Вид оценки", required=True)
    goal: AssessmentGoal | None = col("Цель")
    status: CandidateStatus | None = col("Статус")
    consent: bool | None = col("Согласие на ПДн")


class AssessmentSession(SheetRow):
    code: str = col("Код сессии", required=True)
    kind: AssessmentKind = col("Вид оценки", required=True)
    held_on: date | None = col("Дата")
    place: str | None = col("Место")
    observers: int | None = col("Наблюдателей", nonnegative=True)
    moderator: str | None = col("Ведущий")
    invited: date | None = col("Приглашение")
    reports_ready: date | None = col("Отчёты готовы")
    feedback: date | None = col("Обратная связь")
    reports_given: date | None = col("Отчёты переданы")


class AssessmentParticipation(SheetRow):
    session_code: str = col("Код сессии", required=True)
    candidate_id: str = col("ID кандидата", required=True)
    customer_report: bool | None = col("Отчёт для заказчика")
    short_report: bool | None = col("Краткий отчёт для руководителя ОИВ")


class StatePlan(SheetRow):
    year: int = col("Год", required=True)
    quota: int = col("Квота региона", required=True, nonnegative=True)
    selected: int | None = col("Отобрано", nonnegative=True)
    reserve: int | None = col("В резерве", nonnegative=True)
    enrolled: int | None = col("Зачислено", nonnegative=True)

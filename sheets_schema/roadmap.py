"""Roadmap of the regional staffing standard (DOMAIN §6, seeds/004)."""

from datetime import date

from .base import SheetRow
from .common import col
from .enums import RoadmapPhase, RoadmapStatus


class RoadmapItem(SheetRow):
    number: str = col("№", required=True)
    section: str | None = col("Раздел")
    phase: RoadmapPhase | None = col("Этап")
    action: str = col("Мероприятие", required=True)
    key_result: str | None = col("Ключевой результат")
    deadline: str | None = col("Срок реализации")
    responsible: str | None = col("Ответственный исполнитель")
    documents: str | None = col("Документы")
    status: RoadmapStatus | None = col("Статус")
    done_on: date | None = col("Дата выполнения")
    evidence: str | None = col("Подтверждающий документ")
    comment: str | None = col("Комментарий")

"""A finding: what is wrong, where (tab, row, column, A1 cell) and by which rule and clause."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "ошибка"
    WARNING = "предупреждение"


@dataclass(frozen=True)
class Finding:
    rule: str
    clause: str
    severity: Severity
    tab: str
    row: int | None
    column: str | None
    cell: str | None
    message: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data

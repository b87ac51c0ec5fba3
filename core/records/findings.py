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

    @property
    def place(self) -> str:
        """Where it is, said to a person: the cell, else the row, else the column (a finding about a column their
        tab does not keep has neither cell nor, said for all its records, a row), else the tab."""
        if self.cell:
            return self.cell
        if self.row:
            return f"строка {self.row}" + (f", «{self.column}»" if self.column else "")
        return f"столбец «{self.column}»" if self.column else self.tab

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data

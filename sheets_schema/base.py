"""Building blocks of the sheet model: a row model with Russian headers, and a tab description."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict


class SheetRow(BaseModel):
    """One row of a tab; field aliases are the Russian column headers."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore", arbitrary_types_allowed=True)


def normalize_header(text: str) -> str:
    """Headers as staff type them: odd case, extra spaces, ё for е all mean the same column."""
    return _normalized(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=1 << 16)  # a few thousand headers, compared hundreds of thousands of times when a sheet is looked at
def _normalized(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().split())


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: type  # str, int, Decimal, date, bool or a StrEnum subclass
    required: bool
    personal: bool = False  # personal data (152-ФЗ): masked for those who don't need it
    positive: bool = False  # a number above zero (hours, listeners, an amount, a rate)
    nonnegative: bool = False  # a number not below zero (paid so far, points)
    money: bool = False  # roubles and kopecks: two decimal places at most
    past: bool = False  # a date behind us (a birth date): a two-digit year is read into the past

    @property
    def choices(self) -> list[str]:
        if isinstance(self.kind, type) and issubclass(self.kind, StrEnum):
            return [member.value for member in self.kind]
        return []


@dataclass(frozen=True)
class Ref:
    """A column whose values must be keys of another tab."""

    field: str
    tab: str


@dataclass(frozen=True)
class Tab:
    name: str
    model: type[SheetRow]
    key: str | None = None
    refs: tuple[Ref, ...] = ()
    title: str = ""
    width: int = 18  # default column width in characters
    # its key is handed out by the app inside the write («З-0005»), never typed: a staff tab may lack that column
    # (the app numbers its new records) — core.records.form.numbered says how each such tab is numbered
    numbered: bool = False

    @cached_property
    def columns(self) -> list[Column]:
        return [_column(name, info) for name, info in self.model.model_fields.items()]

    @cached_property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, field: str) -> Column:
        for col in self.columns:
            if col.field == field:
                return col
        raise KeyError(field)


def _column(name: str, info: Any) -> Column:
    annotation = info.annotation
    kind = annotation
    if get_origin(annotation) is not None:
        args = [a for a in get_args(annotation) if a is not type(None)]
        kind = args[0] if args else str
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return Column(field=name, header=info.alias or name, kind=kind, required=info.is_required(),
                  **{flag: bool(extra.get(flag)) for flag in ("personal", "positive", "nonnegative", "money", "past")})

"""The columns left over after the proposal's first pass, paired by the weaker evidence: values alone, or a header
much like a model column though the values argue. Both proposed low, for the person to confirm."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from sheets_schema import Tab
from sheets_schema.base import Column, normalize_header

from .evidence import Values, fit
from .layout import TabShape, is_number_column
from .vocabulary import similarity

MAPPED_AT = 0.45  # below this a column is proposed as staff-only


_TELLING = {"date": (date,), "money": (Decimal,), "email": ("e-mail",), "snils": ("снилс",), "phone": ("телефон",),
            "name": ("фио",)}


def by_values_alone(shape: TabShape, summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                     taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str]) -> None:
    """A column left over whose values tell its kind (dates, sums, e-mails) goes to the one model column of that kind
    left over — «от» next to «Договор №» is the contract's date — with a low confidence for the person to confirm."""
    for i in columns:
        values = summaries[i]
        if i in taken_staff or values.kind not in _TELLING or values.share < 0.8 or is_number_column(shape.headers[i]):
            continue
        wanted = _TELLING[values.kind]
        free = [c for c in tab.columns if c.header not in taken_model
                and (c.kind in wanted or normalize_header(c.header) in wanted)]
        if len(free) == 1:
            taken_staff[i] = (free[0], MAPPED_AT - 0.05, f"только по значениям: {values.said()}; других свободных "
                                                          f"столбцов такого вида на листе модели нет")
            taken_model.add(free[0].header)


LEFTOVER_NAMED = 0.5  # a header this like a model column left over is proposed even when the values argue


def by_header_despite_values(shape: TabShape, summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                              taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str],
                              context: set[str]) -> None:
    """A column left over whose header is much like a model column left over, though its values are of another kind
    (ticks in «Согласие на ПДн» where the model keeps the day of consent), is proposed — never over values that rule
    it out — with a low confidence and the doubt said, for the person to confirm: the two columns left unpaired are
    more likely each other than staff-only."""
    found = []
    for i in columns:
        if i in taken_staff or is_number_column(shape.headers[i]):
            continue
        for col in tab.columns:
            if col.header in taken_model:
                continue
            named = similarity(shape.headers[i], col.header, context)
            fits, why = fit(summaries[i], col)
            if named >= LEFTOVER_NAMED and fits > -1:
                found.append((named, i, col, why))
    for _named, i, col, why in sorted(found, key=lambda f: (-f[0], f[1])):
        if i in taken_staff or col.header in taken_model:
            continue
        doubt = f"заголовок «{shape.headers[i]}» ≈ «{col.header}», но {why or 'значения не подтверждают'}: проверьте"
        taken_staff[i] = (col, MAPPED_AT - 0.1, doubt)
        taken_model.add(col.header)

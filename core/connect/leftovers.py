"""The columns left over after the proposal's first pass, paired by the weaker evidence: values alone, or a header
much like a model column though the values argue. Both proposed low, for the person to confirm."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache

from sheets_schema import Tab
from sheets_schema.base import Column, normalize_header

from .evidence import Values, fit
from .layout import TabShape, is_bare_number, is_number_column
from .vocabulary import header_key, names_of, same_stem, similarity, stems

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


def bare_number_misfit(header: str, column: Column, tab: Tab) -> bool:
    """A column headed «№» alone that can't be this model column: it numbers the tab's own rows — the tab's own key
    when that is a «№ …» (№ заявки, № занятия) perhaps, never a code, another number of the record or another tab's
    key («№» of an inventory or a timesheet was proposed as «Код группы», «Код услуги», «Приказ о зачислении №»)."""
    if not is_bare_number(header):
        return False
    return column.field != tab.key or "№" not in column.header


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
            if col.header in taken_model or bare_number_misfit(shape.headers[i], col, tab):
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


# words too common in the model's headers to tell a column by themselves
_COMMON_WORDS = {"дата", "код", "№", "ч", "₽", "%", "колич", "сумма", "номер", "наиме", "вид", "статус", "год"}


def by_telling_word(shape: TabShape, summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                    taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str]) -> None:
    """A column left over that shares a word with one model column left over, a word no other column of the model tab
    has («Группа обучающихся» and «Учебная группа» on the exam's schedule), is proposed low, the word said: of the
    columns left, that one is the likeliest."""
    found = []
    for i in columns:
        # people's names: «ФИО слушателя» shares «слушателя» with «ID слушателя», yet names are no ID — a way through
        # the other tab's names is core.connect.lookup's to find
        header = shape.headers[i]
        if i in taken_staff or is_number_column(header) or summaries[i].kind == "name" or similarity(header, "ФИО") >= 0.8:
            continue
        own = stems(header) - _COMMON_WORDS
        # the columns these values could be: «Экспертная группа сформирована» keeps a date, not «ПК-31»
        possible = [c for c in tab.columns if fit(summaries[i], c)[0] > -1]
        for col in possible:
            if col.header in taken_model:
                continue
            # a column another staff column holds already is no rival: «место» of «Организация» («место работы»)
            # taken by «Колледж» leaves «№ места» to «Рабочее место»
            others = set().union(*(_stems_of(c.header) for c in possible
                                   if c is not col and c.header not in taken_model))
            telling = [w for w in own if any(same_stem(w, m) for m in _stems_of(col.header))
                       and not any(same_stem(w, o) for o in others)]
            if telling:
                found.append((len(telling), i, col, telling[0]))
    for _count, i, col, word in sorted(found, key=lambda f: (-f[0], f[1])):
        if i in taken_staff or col.header in taken_model:
            continue
        taken_staff[i] = (col, MAPPED_AT - 0.05, f"слово «{word}…» есть только у столбца «{col.header}» листа "
                                                 f"«{tab.name}»: проверьте")
        taken_model.add(col.header)


@lru_cache(maxsize=1024)
def _stems_of(model_header: str) -> frozenset[str]:
    return frozenset().union(*(stems(name) for name in names_of(model_header)))


def by_listed_values(summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                     taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str]) -> None:
    """A column left over whose texts are, nearly all, the values of one model list left over, or their first words as
    staff shorten them («руководитель» for «руководитель программы» under «Вид работы»), is proposed low, the values
    said: its header says nothing the model knows, its values do."""
    for i in columns:
        texts = [t for t in summaries[i].texts if t]
        if i in taken_staff or summaries[i].kind not in ("text", "enum") or not texts:
            continue
        lists = [c for c in tab.columns if c.header not in taken_model and c.choices
                 and sum(_listed(t, c) for t in texts) / len(texts) >= 0.8]
        if len(lists) == 1:
            taken_staff[i] = (lists[0], MAPPED_AT - 0.05, f"значения — из списка столбца «{lists[0].header}» листа "
                                                          f"«{tab.name}» (или его начала): проверьте")
            taken_model.add(lists[0].header)


def _listed(text: str, column: Column) -> bool:
    words = text.split()
    for choice in column.choices:
        said = normalize_header(choice).split()
        if words == said[:len(words)]:  # word for word: «согласен» is no «согласована»
            return True
    return False


_NUMBER_WORDS = {"№", "номер", "код", "шифр", "id", "идентификатор", "рег", "регистрационный", "учетный", "уникальный"}


def by_key_values(shape: TabShape, summaries: Mapping[int, Values], tab: Tab, columns: list[int],
                  taken_staff: dict[int, tuple[Column, float, str]], taken_model: set[str]) -> None:
    """A column left over that only says it is a number («Рег. №», «Код») and holds a code on every row, no two alike,
    is the tab's own key when that is left over — a listener's «Л-3001» under «Рег. №» is the «ID слушателя» —
    proposed low, for the person to confirm."""
    key = next((c for c in tab.columns if c.field == tab.key), None)
    if key is None or key.header in taken_model or key.kind is not str:
        return
    for i in columns:
        values, header = summaries[i], shape.headers[i]
        words = set(re.findall(r"[\w№-]+", header_key(header).replace(".", " ")))
        cells = [v for v in shape.columns.get(i, []) if v not in (None, "")]
        if i in taken_staff or values.kind != "code" or values.share < 0.8 or not words or \
                not words <= _NUMBER_WORDS or len(set(map(str, cells))) != len(cells) or \
                all(re.fullmatch(r"\d+", str(c)) for c in cells):  # 1, 2, 3 under «№»: the rows' own count
            continue
        taken_staff[i] = (key, MAPPED_AT - 0.05, f"заголовок «{header}» говорит только «номер», а в столбце — "
                                                 f"коды, в каждой строке свой: это ключ листа «{tab.name}» "
                                                 f"«{key.header}»? Проверьте")
        taken_model.add(key.header)
        return

"""Deadline phrases of a roadmap as intervals (RM-DEADLINE): «Сентябрь- ноябрь 2018», «I квартал 2019»…

A phrase becomes one or more intervals (a comma-separated list gives several checkpoints) and may
be «ongoing» (далее — постоянно, ежегодно). What can't be understood raises DeadlineError with a
Russian reason; nothing else is ever raised.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from core.platform.calendar import deadline_on
from core.platform.errors import EduDeskError

_MONTHS = {
    "январ": 1, "янв": 1, "феврал": 2, "фев": 2, "март": 3, "мар": 3, "апрел": 4, "апр": 4, "ма": 5,
    "июн": 6, "июл": 7, "август": 8, "авг": 8, "сентябр": 9, "сен": 9, "сент": 9, "октябр": 10, "окт": 10,
    "ноябр": 11, "ноя": 11, "нояб": 11, "декабр": 12, "дек": 12,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ONGOING = re.compile(r"(далее\s*-?\s*)?постоянно|ежегодно|ежеквартально|ежемесячно|на постоянной основе")
_YEAR = r"(\d{4})"


class DeadlineError(EduDeskError):
    """A deadline phrase that can't be read as dates."""


@dataclass(frozen=True)
class Deadline:
    intervals: tuple[tuple[date, date], ...] = field(default_factory=tuple)
    ongoing: bool = False

    @property
    def start(self) -> date | None:
        return min((s for s, _ in self.intervals), default=None)

    @property
    def end(self) -> date | None:
        return max((e for _, e in self.intervals), default=None)

    @property
    def due(self) -> date | None:
        """The last day of the whole term: its end, or the next working day when the end is a day off."""
        return deadline_on(self.end) if self.end else None

    def next_checkpoint(self, today: date) -> date | None:
        """The nearest interval end that is today or later; an end on a day off is the next working day (ГК РФ
        ст. 193), as for every «by such a date» deadline in the app."""
        ahead = [deadline_on(e) for _, e in self.intervals if deadline_on(e) >= today]
        return min(ahead, default=None)


def _month(word: str) -> int | None:
    word = word.strip(". ").lower()
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if word.startswith(stem) and (stem != "ма" or word in ("май", "мая", "мае", "маю", "ма")):
            return _MONTHS[stem]
    return None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _normalize(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # every dash is a hyphen
    text = re.sub(r"\b(гг?|годы|годов|года|год)\b\.?", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .;")


def parse_deadline(phrase: str | None) -> Deadline:
    """The intervals a phrase names; DeadlineError (Russian) when it can't be read."""
    if phrase is None or not str(phrase).strip():
        raise DeadlineError("срок не указан")
    try:
        return _parse(str(phrase))
    except DeadlineError:
        raise
    except (ValueError, OverflowError) as exc:  # an impossible date such as «31 февраля»
        raise DeadlineError(f"в сроке «{phrase}» невозможная дата ({exc})") from None


def _parse(phrase: str) -> Deadline:
    text = _normalize(phrase)
    ongoing = bool(_ONGOING.search(text))
    text = _ONGOING.sub("", text).strip(" ,-")
    if not text:
        if ongoing:
            return Deadline((), True)
        raise DeadlineError(f"не понимаю срок «{phrase}»")
    parts = [p.strip() for p in re.split(r",|;|\bи\b", text) if p.strip()]
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", text)]
    intervals = []
    for part in parts:
        interval = _interval(part, years[-1] if years else None)
        if interval is None:
            raise DeadlineError(f"не понимаю срок «{phrase}»: пишите, например, «Сентябрь - ноябрь 2018», "
                                "«I квартал 2019», «до 01.09.2019» или «2018-2019»")
        intervals.append(interval)
    return Deadline(tuple(intervals), ongoing)


def _interval(part: str, default_year: int | None) -> tuple[date, date] | None:
    part = re.sub(r"^(в течение|в|во|с|до|по|не позднее)\s+", lambda m: "до " if m[1] in ("до", "не позднее") else "",
                  part).strip()
    if part.startswith("до "):
        day = _single(part[3:], default_year, end=True)
        return (day[1], day[1]) if day else None
    pieces = [p.strip() for p in re.split(r"\s+-\s*|\s*-\s+|(?<=[а-я.])-(?=[а-я0-9])|(?<=\d{4})-(?=\d{4})", part)
              if p.strip()]
    if len(pieces) == 1:
        return _single(pieces[0], default_year)
    if len(pieces) != 2:
        return None
    right = _single(pieces[1], default_year)
    if right is None:
        return None
    left = _single(pieces[0], right[1].year)
    if left is None:
        return None
    if left[0] > right[1]:
        return None  # «Декабрь 2019 - март 2019»: the ends are the wrong way round
    return left[0], right[1]


def _single(token: str, default_year: int | None, end: bool = False) -> tuple[date, date] | None:
    token = token.strip(" .")
    if m := re.fullmatch(_YEAR, token):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    if m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})", token):
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        day = date(year, int(m[2]), int(m[1]))
        return day, day
    if m := re.fullmatch(r"(i{1,3}|iv|[1-4])\s*(?:-?й)?\s*(?:квартал|кв)\.?\s*" + _YEAR + "?", token):
        quarter, year = _ROMAN[m[1]], int(m[2]) if m[2] else default_year
        if year is None:
            return None
        return date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter)
    if m := re.fullmatch(r"(\d{1,2})\s+([а-я.]+)\s*" + _YEAR + "?", token):
        month, year = _month(m[2]), int(m[3]) if m[3] else default_year
        if month is None or year is None:
            return None
        day = date(year, month, int(m[1]))
        return day, day
    if m := re.fullmatch(r"(?:(начало|конец|середина)\s+)?([а-я.]+)\s*" + _YEAR + "?", token):
        month, year = _month(m[2]), int(m[3]) if m[3] else default_year
        if month is None or year is None:
            return None
        return date(year, month, 1), _last_day(year, month)
    return None

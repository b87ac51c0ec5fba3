"""The timetable as an iCalendar file (RFC 5545) a calendar program imports: one event per class.

Times are written in UTC (the institute's zone from settings turned into UTC), so no VTIMEZONE is needed and every
reader shows them in its own zone. Each event's UID is made from the class's number at the institute, so importing
the file again updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import NAMESPACE_URL, uuid5
from zoneinfo import ZoneInfo

from core.timetable.classes import Scheduled

_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}


def _text(value: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in value.replace("\r\n", "\n").replace("\r", "\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued by a space (RFC 5545 §3.1), never splitting a Cyrillic letter."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode()) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _utc(day, moment, zone: ZoneInfo) -> str:
    return datetime.combine(day, moment, zone).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(classes: Iterable[Scheduled], name: str, institution: str, time_zone: str, domain: str,
             now: datetime | None = None) -> bytes:
    zone, stamp = ZoneInfo(time_zone), (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//EduDesk//Учебный офис//RU", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(name)}", f"X-WR-CALDESC:{_text(institution)}"]
    for c in classes:
        if not c.timed:
            continue  # a class without a readable time is a finding (TT-TIME), not an event at midnight
        item = c.item
        where = "ДОТ" if c.distance else (item.room or "")
        description = [f"Группа {item.group_code}", f"{item.kind.value if item.kind else ''}, {c.hours} ак. ч",
                       f"Преподаватель: {item.teacher or 'не назначен'}"] + ([f"Вход: {item.link}"] if item.link else [])
        lines += ["BEGIN:VEVENT", f"UID:{uuid5(NAMESPACE_URL, f'{domain}/{item.number}')}@{domain}", f"DTSTAMP:{stamp}",
                  f"DTSTART:{_utc(c.day, c.start, zone)}", f"DTEND:{_utc(c.day, c.end, zone)}",
                  f"SUMMARY:{_text(f'{item.module} — {item.group_code}')}", f"LOCATION:{_text(where)}",
                  f"DESCRIPTION:{_text(chr(10).join(description))}",
                  f"CATEGORIES:{_text(item.kind.value if item.kind else 'занятие')}"]
        if item.link:
            lines.append(f"URL:{item.link}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode()

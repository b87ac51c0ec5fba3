"""Import of a regional roadmap table (seeds/004) from text, .xlsx or .docx (RM-IMPORT).

The source is an OCR'd table: page headers repeat inside it, rows are split across pages, numbers
are misread («0.5.» for a continuation of 6.5), cells spill into the next row. The importer
reassembles rows and reports every row it is unsure of instead of guessing silently.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from core.platform.errors import EduDeskError
from core.platform.uploads import check_text, check_upload, decoded_text, first_sheet, unreadable

COLUMNS = ("№", "Мероприятие", "Ключевой результат", "Срок реализации", "Ответственный исполнитель", "Документы")
_PHASES = {"проектирование": "Проектирование", "реализация": "Реализация", "оценка": "Оценка",
           "оценка качества": "Оценка"}
_NUMBER = re.compile(r"^\s*(\d{1,3})\.(?:(\d{1,3})\.?)?\s*$")  # «12.», «3.104.»: a big roadmap goes past 99
_TAGS = re.compile(r"<[^>]+>")


class ImportFormatError(EduDeskError):
    """The file is not a roadmap table."""


@dataclass
class Item:
    number: str
    section: str
    phase: str | None
    cells: dict[str, str]
    source_lines: list[int]
    doubts: list[str] = field(default_factory=list)

    def add(self, cells: list[str], line: int) -> None:
        for name, text in zip(COLUMNS[1:], cells[1:], strict=False):
            if text:
                self.cells[name] = f"{self.cells.get(name, '')} {text}".strip()
        self.source_lines.append(line)


@dataclass
class ImportReport:
    items: list[Item]
    sections: dict[str, str]  # "2" → "2. Мероприятия по положению 1 «…»"
    notes: list[str]  # what the importer set aside or decided, line by line

    @property
    def doubtful(self) -> list[Item]:
        return [i for i in self.items if i.doubts]


def read_rows(name: str, data: bytes) -> list[list[str]]:
    """Rows of cells from .txt/.tsv (tab-separated), .xlsx (first sheet) or .docx (every table)."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".docx")):
        check_upload(name, data)
    else:
        check_text(name, data)
    if lower.endswith(".xlsx"):
        return [["" if v is None else str(v) for v in row] for row in first_sheet(name, data, ImportFormatError)]
    if lower.endswith(".docx"):
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception:  # python-docx raises several error types for broken files
            raise ImportFormatError(unreadable(name, ".docx")) from None
        return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return [line.split("\t") for line in decoded_text(data).splitlines()]


def assemble(rows: list[list[str]]) -> ImportReport:
    """Items N.M with their section and phase; split rows joined; doubts named."""
    items: list[Item] = []
    sections: dict[str, str] = {}
    notes: list[str] = []
    section, phase, last, after_header = "", None, None, False
    for line, raw in enumerate(rows, start=1):
        cells = [_clean(c) for c in raw] + [""] * (6 - len(raw))
        if not any(cells):
            continue
        if len(raw) < 2:
            notes.append(f"строка {line}: не таблица, пропущена («{cells[0][:60]}»)")
            continue
        if "№" in cells[0] and cells[1].lower().startswith("мероприяти"):
            after_header = True  # a page header repeated inside the table
            continue
        number = _NUMBER.match(cells[0])
        if not cells[0] and cells[1].lower() in _PHASES and not any(cells[2:5]):
            phase = _PHASES[cells[1].lower()]
            if cells[5]:
                notes.append(f"строка {line}: в строке этапа «{cells[1]}» лишний текст «{cells[5]}», пропущен")
            after_header = False
            continue
        if number and number[2] is None and int(number[1]) > 0:
            section, phase, last = number[1], None, None
            sections[section] = f"{section}. {cells[1]}"
            after_header = False
            continue
        if number and number[2] is not None and int(number[1]) > 0 and not _out_of_order(items, section, number):
            last = Item(f"{number[1]}.{number[2]}", section, phase, dict(zip(COLUMNS[1:], cells[1:6], strict=True)),
                        [line])
            if number[1] != section:
                last.doubts.append(f"номер {last.number} вне раздела {section}")
            items.append(last)
            after_header = False
            _doubt_text(last, cells)
            continue
        # a continuation: the rest of a row split by a page break, or an OCR artefact
        target = last if last is not None else None
        if target is None:
            if section in sections and cells[1]:
                sections[section] += " " + cells[1]
                notes.append(f"строка {line}: продолжение заголовка раздела {section}")
            elif section in sections:
                notes.append(f"строка {line}: продолжение строки раздела {section} (ключевой результат раздела), "
                             f"в лист не переносится: «{' '.join(c for c in cells if c)[:60]}»")
            else:
                notes.append(f"строка {line}: текст без пункта, пропущен («{' '.join(c for c in cells if c)[:60]}»)")
            continue
        target.add(cells, line)
        if number:
            target.doubts.append(f"строка {line}: номер «{cells[0]}» не по порядку — принят за продолжение "
                                 f"пункта {target.number} (похоже на ошибку распознавания)")
        elif not after_header:
            target.doubts.append(f"строка {line}: текст без номера присоединён к пункту {target.number}")
        if len({c for c in cells[1:] if c}) < len([c for c in cells[1:] if c]):
            target.doubts.append(f"строка {line}: один и тот же текст в нескольких столбцах")
        after_header = False
    return ImportReport(items, sections, notes)


def _clean(text: object) -> str:
    return " ".join(_TAGS.sub("", str(text or "")).split())


def _out_of_order(items: list[Item], section: str, number: re.Match) -> bool:
    """A number that repeats or goes back within its section is an OCR artefact, not a new item."""
    if not items:
        return False
    # Only the last item counts (numbers go up within the file); looking at every earlier one made 5 000 items
    # take 40 s.
    return (int(number[1]), int(number[2])) <= tuple(int(x) for x in items[-1].number.split("."))


def _doubt_text(item: Item, cells: list[str]) -> None:
    if any("\ufffd" in c for c in cells):
        item.doubts.append("текст обрезан или повреждён при распознавании (символ «�»)")
    responsible = item.cells.get("Ответственный исполнитель", "")
    if responsible[:1].islower():
        item.doubts.append("«Ответственный исполнитель» начинается со строчной буквы: возможно, часть текста "
                           "осталась в соседней строке")


def sheet_rows(report: ImportReport, existing_numbers: set[str]) -> tuple[list[dict], list[str]]:
    """«Дорожная_карта» rows for items not yet in the sheet, and the numbers skipped as present."""
    rows, skipped = [], []
    for item in report.items:
        if item.number in existing_numbers:
            skipped.append(item.number)
            continue
        doubts = "; ".join(item.doubts)
        rows.append({"№": item.number, "Раздел": report.sections.get(item.section, item.section), "Этап": item.phase,
                     "Мероприятие": item.cells.get("Мероприятие"), "Ключевой результат": item.cells.get("Ключевой результат"),
                     "Срок реализации": item.cells.get("Срок реализации"),
                     "Ответственный исполнитель": item.cells.get("Ответственный исполнитель"),
                     "Документы": item.cells.get("Документы"), "Статус": "не начато",
                     "Комментарий": f"Импорт: проверьте — {doubts}" if doubts else None})
    return rows, skipped

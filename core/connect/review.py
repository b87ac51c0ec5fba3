"""What a person does with a proposal: reads it (a line per staff column, for the command line) and corrects it
(another model tab, another model column, or «только для сотрудников»)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .cancelled import cancelled_said
from .composite import SECTION, TITLE
from .grid import DATES, MARK
from .mapping import STAFF_ONLY, Link, SheetMapping, TabMap
from .propose import Line, TabProposal
from .shapes import SECTION_HEADER
from .words import column_words, list_values


def describe(proposal: TabProposal) -> str:
    """The proposal for one tab as text, a line per staff column (for the command line)."""
    if proposal.model_tab is None:
        return f"Лист «{proposal.sheet}»: не сопоставлен — {proposal.why or 'не похож ни на один лист модели'}."
    shape = proposal.shape
    head = (f"Лист «{proposal.sheet}» → «{proposal.model_tab}»"
            + (f" вместе с листом «{proposal.joins}»" if proposal.joins else "")
            + f" (заголовки в строке {shape.header_row}"
            + (f", в {shape.depth} строки" if shape.depth > 1 else "") + not_records_said(shape)
            + f"; записей: {len(shape.records)})")
    lines = [head]
    for line in proposal.lines:
        target = line.model_header or STAFF_ONLY
        part = f" ({line.part})" if line.part else ""
        lines.append(f"  {line.column} «{line.header}» → {target}{part}, уверенность {line.confidence:.0%}"
                     + (f": {line.evidence}" if line.evidence else ""))
        lines.extend(f"      слово «{w.word}» ({w.seen}) → " + (f"«{w.value}»" if w.value else NOT_SAID)
                     for w in line.words)
    return "\n".join(lines)


def numbering_said(shape) -> str:
    """«; номера столбцов в строке 6»: that row is read as no record."""
    if not shape.numbering:
        return ""
    rows = ", ".join(map(str, shape.numbering))
    return f"; номера столбцов в строк{'е' if len(shape.numbering) == 1 else 'ах'} {rows} — не записи"


def not_records_said(shape) -> str:
    """What rows between the header and the records' end are read as no record, and why."""
    return numbering_said(shape) + cancelled_said(shape.cancelled)


NOT_SAID = "не сопоставлено: остаётся замечанием «не из списка», пока не выбрано значение модели"


def corrected(proposal: TabProposal, model_tab: str | None, choices: Sequence[str | None],
              words: Mapping[int, Mapping[str, str | None]] | None = None) -> TabProposal:
    """The proposal as the person corrected it: another model tab (or none), and per line the model column chosen
    (None or «только для сотрудников»: the staff's own). A line whose choice is unchanged keeps its part of «ФИО».
    `words`: by line, the model value the person chose for each of the staff's words (None: none)."""
    if model_tab is None:
        return TabProposal(proposal.sheet, None, proposal.shape, 0.0, [], why="не сопоставлен по выбору сотрудника")
    lines = []
    for line, choice in zip(proposal.lines, choices, strict=True):
        header = None if choice in (None, "", STAFF_ONLY) else choice
        same = header == line.model_header and model_tab == line.model_tab
        found = line.words if same else column_words(proposal.shape, model_tab, header, line.column, None)
        chosen = (words or {}).get(len(lines), {})
        found = [replace(w, value=chosen[w.word] or None) if w.word in chosen else w for w in found]
        lines.append(Line(line.tab, line.header, line.column, model_tab, header,
                          line.confidence if same else 1.0, line.evidence if same else "выбрано сотрудником",
                          line.part if same else None, line.value if same else None, words=found))
    seen: set[tuple[str, str | None]] = set()
    for line in lines:
        if line.model_header is None:
            continue
        key = (line.model_header, line.part)
        if key in seen:
            raise ValueError(f"Столбец модели «{line.model_header}» выбран для двух столбцов листа "
                             f"«{proposal.sheet}»: оставьте его одному.")
        seen.add(key)
    return TabProposal(proposal.sheet, model_tab, proposal.shape, proposal.score, lines,
                       joins=proposal.joins if model_tab == proposal.model_tab else None)


def with_words(proposals: Sequence[TabProposal], said: Sequence[str]) -> list[TabProposal]:
    """The proposals with the model values a person gave the staff's words on the command line, each as
    «Лист!Заголовок: слово = значение» (`edudesk connect --word`). A tab, column, word or value not found is refused
    in Russian, nothing chosen."""
    chosen: dict[str, dict[int, dict[str, str]]] = {}
    for text in said:
        place, _, pair = text.rpartition(":")
        sheet, _, header = place.rpartition("!")
        word, _, value = (" ".join(part.split()) for part in pair.partition("="))
        proposal = next((p for p in proposals if p.sheet == sheet.strip() and p.model_tab), None)
        if proposal is None or not word or not value:
            raise ValueError(f"«{text}»: ожидалось «Лист!Заголовок: слово = значение», и лист — сопоставленный листу "
                             "модели.")
        index = next((i for i, ln in enumerate(proposal.lines) if ln.header == header.strip() and ln.words), None)
        if index is None:
            raise ValueError(f"«{text}»: в столбце «{header.strip()}» листа «{sheet}» нет слов не из списка модели.")
        line = proposal.lines[index]
        if word not in {w.word for w in line.words}:
            raise ValueError(f"«{text}»: слова «{word}» в столбце нет; есть: "
                             + ", ".join(f"«{w.word}»" for w in line.words) + ".")
        if value not in list_values(proposal.model_tab, line.model_header):
            raise ValueError(f"«{text}»: «{value}» — не значение «{line.model_header}»; можно: "
                             + ", ".join(f"«{v}»" for v in list_values(proposal.model_tab, line.model_header)) + ".")
        chosen.setdefault(proposal.sheet, {}).setdefault(index, {})[word] = value
    return [corrected(p, p.model_tab, [ln.model_header for ln in p.lines], chosen[p.sheet]) if p.sheet in chosen else p
            for p in proposals]


def mapping_of(proposals: Sequence[TabProposal]) -> SheetMapping:
    """The mapping the proposals (as confirmed or corrected) make."""
    mapping = SheetMapping()
    owners: set[str] = set()  # the tabs proposed as a register's own (not joining another)
    for p in proposals:
        if p.model_tab is None or p.shape is None:
            continue
        links, staff = [], []
        for line in p.lines:
            if line.model_header and line.part == TITLE:
                links.append(Link(line.model_header, line.value or "", "", TITLE))
            elif line.model_header and line.part in (DATES, MARK):
                links.append(Link(line.model_header, line.value or line.header, "", line.part))
            elif line.model_header and line.part == SECTION:
                links.append(Link(line.model_header, SECTION_HEADER, "", SECTION))
            elif line.model_header:
                links.append(Link(line.model_header, line.header, line.column, line.part,
                                  words=tuple((w.word, w.value) for w in line.words if w.value)))
            elif line.part in (SECTION, TITLE) or not line.column:
                continue
            else:
                staff.append((line.header, line.column))
        one = TabMap(p.model_tab, p.sheet, p.shape.header_row, p.shape.depth, tuple(links), tuple(staff))
        first = mapping.tabs.get(p.model_tab)
        if first is None:
            mapping.tabs[p.model_tab] = one
        elif p.joins is None and first.sheet not in owners:  # the register's own tab first, then those joining it
            mapping.tabs[p.model_tab] = replace(one, also=first.every)
        else:
            mapping.tabs[p.model_tab] = replace(first, also=(*first.also, one))
        if p.joins is None:
            owners.add(p.sheet)
    return mapping

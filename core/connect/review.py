"""What a person does with a proposal: reads it (a line per staff column, for the command line) and corrects it
(another model tab, another model column, or «только для сотрудников»)."""

from __future__ import annotations

from collections.abc import Sequence

from .mapping import STAFF_ONLY
from .propose import Line, TabProposal


def describe(proposal: TabProposal) -> str:
    """The proposal for one tab as text, a line per staff column (for the command line)."""
    if proposal.model_tab is None:
        return f"Лист «{proposal.sheet}»: не сопоставлен — {proposal.why or 'не похож ни на один лист модели'}."
    shape = proposal.shape
    head = (f"Лист «{proposal.sheet}» → «{proposal.model_tab}» (заголовки в строке {shape.header_row}"
            + (f", в {shape.depth} строки" if shape.depth > 1 else "") + f"; записей: {len(shape.records)})")
    lines = [head]
    for line in proposal.lines:
        target = line.model_header or STAFF_ONLY
        part = f" ({line.part})" if line.part else ""
        lines.append(f"  {line.column} «{line.header}» → {target}{part}, уверенность {line.confidence:.0%}"
                     + (f": {line.evidence}" if line.evidence else ""))
    return "\n".join(lines)


def corrected(proposal: TabProposal, model_tab: str | None, choices: Sequence[str | None]) -> TabProposal:
    """The proposal as the person corrected it: another model tab (or none), and per line the model column chosen
    (None or «только для сотрудников»: the staff's own). A line whose choice is unchanged keeps its part of «ФИО»."""
    if model_tab is None:
        return TabProposal(proposal.sheet, None, proposal.shape, 0.0, [], why="не сопоставлен по выбору сотрудника")
    lines = []
    for line, choice in zip(proposal.lines, choices, strict=True):
        header = None if choice in (None, "", STAFF_ONLY) else choice
        same = header == line.model_header and model_tab == line.model_tab
        lines.append(Line(line.tab, line.header, line.column, model_tab, header,
                          line.confidence if same else 1.0, line.evidence if same else "выбрано сотрудником",
                          line.part if same else None))
    seen: set[tuple[str, str | None]] = set()
    for line in lines:
        if line.model_header is None:
            continue
        key = (line.model_header, line.part)
        if key in seen:
            raise ValueError(f"Столбец модели «{line.model_header}» выбран для двух столбцов листа "
                             f"«{proposal.sheet}»: оставьте его одному.")
        seen.add(key)
    return TabProposal(proposal.sheet, model_tab, proposal.shape, proposal.score, lines)

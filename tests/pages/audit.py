"""What a person sees on a page, gathered from an AppTest run: every text, table cell, label and option.

Used to scan every page for what must never show: an exception, «None», Python's number spellings,
English interface text, a personal value shown to a наблюдатель.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd

APP_PAGES = sorted(str(p.relative_to(Path(__file__).resolve().parents[2]))
                   for p in (Path(__file__).resolve().parents[2] / "app_pages").glob("*.py"))

# Streamlit's own texts that leak English into a Russian interface; checked on the widgets' properties.
ENGLISH = ("Choose an option", "No options to select", "Press Enter to apply", "Drag and drop", "Browse files",
           "Upload", "per file")


def texts(at) -> Iterator[tuple[str, str]]:
    """(where, text) for everything on the page: element values, labels, options, table cells."""
    for node in _walk(at._tree):
        kind = type(node).__name__
        for attr in ("value", "label", "body", "help", "placeholder", "caption"):
            try:
                value = getattr(node, attr, None)
            except Exception:  # some properties need a value the widget doesn't have
                continue
            if isinstance(value, str) and value:
                yield f"{kind}.{attr}", value
            elif isinstance(value, pd.DataFrame):
                yield from _frame(kind, value)
        options = getattr(node, "options", None)
        if isinstance(options, list | tuple):
            for option in options:
                yield f"{kind}.option", str(option)
        proto = getattr(node, "proto", None)
        placeholder = getattr(proto, "placeholder", None) if proto is not None else None
        if isinstance(placeholder, str) and placeholder:
            yield f"{kind}.placeholder", placeholder


def _frame(kind: str, frame: pd.DataFrame) -> Iterator[tuple[str, str]]:
    for column in frame.columns:
        yield f"{kind}.column", str(column)
        for value in frame[column].tolist():
            if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
                yield f"{kind}[{column}]", "None"  # a table shows a missing value as «None»
            elif isinstance(value, float | Decimal) and not isinstance(value, bool):
                yield f"{kind}[{column}]", f"{value!r} (число как его печатает Python)"
            else:
                yield f"{kind}[{column}]", str(value)


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def nones(at) -> list[str]:
    """Places where «None» reaches the screen."""
    return [f"{where}: {text[:80]}" for where, text in texts(at) if re.search(r"\bNone\b", text)]


_PYTHON_NUMBER = re.compile(r"Python|(?<![\d.])\d+\.\d+\s?%|(?<![\d.§])\d+\.0\b(?![.\d])|(?<![\d.])\d+\.00\b(?![.\d])"
                            r"|(?<![\w№\-/.])(?<!жеребьёвки: )\d{6,}(?![\w\-.])")  # a draw's number is a name, not a quantity


def python_numbers(at) -> list[str]:
    """Numbers as Python prints them: «5.0», «4.0 %», «72.00», «300000000», raw floats in a table."""
    return [f"{where}: {text[:80]}" for where, text in texts(at)
            if not where.startswith("Code") and "Телефон" not in where and _PYTHON_NUMBER.search(text)]


def english(at) -> list[str]:
    """Streamlit's own English strings on the page (our CSS in an Html element is not interface text)."""
    return [f"{where}: {text[:80]}" for where, text in texts(at)
            if not where.startswith("Html") and any(e in text for e in ENGLISH)]


# Elements whose text Streamlit renders as Markdown (tables, code, options and plain text are not).
_PLAIN = ("Text.", "Code.", "Dataframe", "DataEditor", "Html.", "TextInput.value", "TextArea.value")


def markdown_texts(at) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts(at) if not where.startswith(_PLAIN) and ".option" not in where]


def shown_values(at) -> str:
    """Everything on the page as one string, for looking up values that must not be there."""
    return "\n".join(text for _, text in texts(at))

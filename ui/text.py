"""Text from cells and messages shown through Markdown as the text it is."""

from __future__ import annotations

import re
from typing import Any

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#!|<>~$])")


def esc(value: Any) -> str:
    """Text from a cell, safe inside Markdown: an image or a link typed into a name stays text (no outside loads),
    and nothing in it turns into a heading, a list, emphasis or a formula."""
    text = _MARKDOWN.sub(r"\\\1", "" if value is None else str(value)).replace("\n", " ")
    return "\\" + text if text[:1] in "-+=" and text else text


# In a message, what makes Markdown of plain text: emphasis, code, links and images (their brackets), headings,
# HTML, strikethrough, formulas, tables. Parentheses and «!» alone make nothing and are left as written.
_IN_MESSAGES = re.compile(r"([\\`*_{}\[\]#|<>~$])")


def said(message: Any) -> str:
    """A message (an error, a refusal) as it was written: a file name such as «**итог**_2026.csv» or «[x](y).xlsx»
    in it stays text, and its paragraphs stay paragraphs."""
    return "\n\n".join(_IN_MESSAGES.sub(r"\\\1", part).replace("\n", " ")
                         for part in str(message).split("\n\n"))

"""Mail headers that every reader decodes and no line exceeds 78 characters (RFC 5322 §2.1.1).

Cyrillic names and subjects are RFC 2047 encoded words, cut at word ends with the space inside the encoded word
(readers drop the whitespace *between* encoded words, so a space left outside would be lost); attachment file
names are RFC 2231 continuations (filename*0*=…), with a name= fallback for readers that predate them, folded
the way Thunderbird folds it.
"""

from __future__ import annotations

import base64
import re
import urllib.parse

LINE = 76  # RFC 2047 §2: an encoded word is at most 75 characters; header lines stay under 78


def encoded_words(text: str, header: str = "") -> list[str]:
    """`text` as encoded words, each ending where a word ends (a long word is cut between letters). The first
    shares its line with «Header: », so it is shorter: a generator would otherwise fold before it, and the
    folding whitespace would become a leading space of the value."""
    if text.isascii():
        return [text]
    pieces: list[str] = [""]
    for word in re.findall(r"\S+\s*", text) or [text]:
        if _fits(pieces[-1] + word, header if len(pieces) == 1 else ""):
            pieces[-1] += word
            continue
        while word:  # a new encoded word; one word too long for it alone is cut between letters
            cut = len(word)
            while cut > 1 and not _fits(word[:cut], header if pieces == [""] else ""):
                cut -= 1
            if pieces == [""]:
                pieces[0] = word[:cut]
            else:
                pieces.append(word[:cut])
            word = word[cut:]
    return [f"=?utf-8?b?{base64.b64encode(p.encode()).decode()}?=" for p in pieces if p]


def _fits(text: str, header: str = "") -> bool:
    # «=?utf-8?b?» + base64 + «?=» within an encoded word's 75 characters and the line («Header: » on the first)
    return (len(text.encode()) + 2) // 3 * 4 + 12 <= LINE - 1 - (len(header) + 2 if header else 0)


def folded(words: list[str]) -> str:
    """Encoded words one per line (folding whitespace between them is not part of the text)."""
    return "\n ".join(words)


def address(name: str | None, addr: str, header: str = "From") -> str:
    """«Имя Фамилия <addr>» as a header value: the display name encoded word by word."""
    if not name:
        return addr
    if name.isascii():
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{addr}>'
    return folded([*encoded_words(name, header), f"<{addr}>"])


def subject(text: str) -> str:
    return folded(encoded_words(text, "Subject"))


def attachment_disposition(file_name: str) -> str:
    """Content-Disposition with the name as RFC 2231 continuations, each line within the limit."""
    quoted = urllib.parse.quote(file_name, safe="")
    tokens = re.findall(r"%[0-9A-F]{2}|.", quoted)
    lines, current, index = [], "", 0
    for token in tokens:
        prefix = f"filename*{index}*=" + ("utf-8''" if index == 0 else "")
        if len(" " + prefix + current + token + ";") > LINE:
            lines.append(prefix + current)
            index, current = index + 1, ""
        current += token
    lines.append(f"filename*{index}*=" + ("utf-8''" if index == 0 else "") + current)
    return "attachment;\n " + ";\n ".join(lines)


def attachment_type(mime: str, file_name: str) -> str:
    """Content-Type with a name= fallback: encoded words inside the quotes, one per line."""
    return f'{mime};\n name="' + "\n ".join(encoded_words(file_name, " name")) + '"'

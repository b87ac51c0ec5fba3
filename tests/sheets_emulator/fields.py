"""The `fields` system parameter: partial responses («sheets(properties(title),data/rowData)»)."""

from __future__ import annotations

from typing import Any

Mask = dict[str, "Mask"]  # an empty mask keeps the whole value


def parse(text: str) -> Mask:
    mask, rest = _items(text.replace(" ", ""), 0)
    return mask


def _items(text: str, i: int) -> tuple[Mask, int]:
    mask: Mask = {}
    while i < len(text) and text[i] != ")":
        j = i
        while j < len(text) and text[j] not in ",()":
            j += 1
        path = text[i:j].replace(".", "/").split("/")
        node = mask
        for part in path[:-1]:
            node = node.setdefault(part, {})
        leaf = node.setdefault(path[-1], {})
        i = j
        if i < len(text) and text[i] == "(":
            sub, i = _items(text, i + 1)
            _merge(leaf, sub)
            i += 1  # )
        if i < len(text) and text[i] == ",":
            i += 1
    return mask, i


def _merge(into: Mask, other: Mask) -> None:
    for key, sub in other.items():
        _merge(into.setdefault(key, {}), sub)


def apply(value: Any, mask: Mask) -> Any:
    if not mask:
        return value
    if isinstance(value, list):
        return [apply(v, mask) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, sub in mask.items():
        if key == "*":
            return value
        if key in value:
            kept = apply(value[key], sub)
            if kept != {} or not sub:
                out[key] = kept
    return out

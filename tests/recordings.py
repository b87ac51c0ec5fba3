"""Real Google Sheets API traffic recorded by the gspread project (tests/data/recordings/sheets-api, MIT).

Helpers to read the cassettes and replay their Sheets requests against the emulator.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

RECORDINGS = Path(__file__).parent / "data" / "recordings" / "sheets-api"
ID_KEYS = {"sheetId", "protectedRangeId"}  # random numbers Google chooses; compared through a mapping


@dataclass
class Interaction:
    method: str
    uri: str
    body: Any
    status: int
    answer: Any

    @property
    def is_drive(self) -> bool:
        return "/drive/" in self.uri

    @property
    def path_and_query(self) -> str:
        split = urlsplit(self.uri)
        return split.path + (f"?{split.query}" if split.query else "")


def cassettes() -> list[Path]:
    return sorted(RECORDINGS.glob("*.json"))


def interactions(path: Path) -> Iterator[Interaction]:
    for item in json.loads(path.read_text(encoding="utf-8"))["interactions"]:
        request, response = item["request"], item["response"]
        body = request.get("body")
        text = response["body"]["string"]
        yield Interaction(request["method"], request["uri"], json.loads(body) if body else None,
                          response["status"]["code"], json.loads(text) if text else None)


class IdMap:
    """Recorded ids ↔ emulator ids, learned where both answers put an id at the same place."""

    def __init__(self) -> None:
        self.to_emulator: dict[int, int] = {}

    def learn(self, recorded: Any, emulated: Any) -> None:
        if isinstance(recorded, dict) and isinstance(emulated, dict):
            for key, value in recorded.items():
                if key in ID_KEYS and key in emulated and isinstance(value, int):
                    self.to_emulator.setdefault(value, emulated[key])
                elif key in emulated:
                    self.learn(value, emulated[key])
        elif isinstance(recorded, list) and isinstance(emulated, list):
            for a, b in zip(recorded, emulated, strict=False):
                self.learn(a, b)

    def translate(self, value: Any) -> Any:
        """A recorded request body with its ids replaced by the emulator's."""
        if isinstance(value, dict):
            return {k: (self.to_emulator.get(v, v) if k in ID_KEYS else self.translate(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.translate(v) for v in value]
        return value

    def normalized(self, emulated: Any) -> Any:
        """An emulator answer with its ids written as the recording's, for comparison."""
        back = {v: k for k, v in self.to_emulator.items()}
        if isinstance(emulated, dict):
            return {k: (back.get(v, v) if k in ID_KEYS else self.normalized(v)) for k, v in emulated.items()}
        if isinstance(emulated, list):
            return [self.normalized(v) for v in emulated]
        return emulated


def caller_email(path: Path) -> str | None:
    """The service account that made the recording, where an answer names it (protected-range editors)."""
    for item in interactions(path):
        text = json.dumps(item.answer or {})
        if "iam.gserviceaccount.com" in text:
            start = text.index("iam.gserviceaccount.com")
            return text[text.rfind('"', 0, start) + 1:start] + "iam.gserviceaccount.com"
    return None


def differences(recorded: Any, emulated: Any, where: str = "") -> list[str]:
    """Every place where two JSON answers differ, as «path: recorded != emulated»."""
    if isinstance(recorded, dict) and isinstance(emulated, dict):
        out = []
        for key in sorted(set(recorded) | set(emulated)):
            if key not in emulated:
                out.append(f"{where}.{key}: missing in the emulator's answer")
            elif key not in recorded:
                out.append(f"{where}.{key}: not in Google's answer")
            else:
                out += differences(recorded[key], emulated[key], f"{where}.{key}")
        return out
    if isinstance(recorded, list) and isinstance(emulated, list):
        if len(recorded) != len(emulated):
            return [f"{where}: {len(recorded)} items != {len(emulated)} items ({recorded!r} != {emulated!r})"]
        return [d for i, (a, b) in enumerate(zip(recorded, emulated, strict=True))
                for d in differences(a, b, f"{where}[{i}]")]
    if recorded != emulated or type(recorded) is not type(emulated):
        return [f"{where}: {recorded!r} != {emulated!r}"]
    return []

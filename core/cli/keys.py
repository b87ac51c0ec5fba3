"""Keys an administrator issues for the command line: how `edudesk` knows its person on a machine several people
share, where an e-mail typed after --user or in EDUDESK_USER proves nothing.

The key is shown once, to its person, who keeps it in EDUDESK_KEY or in ~/.config/edudesk/key (mode 0600). Only its
SHA-256 is kept, in the keys file (Settings.cli_keys_file): reading that file gives nobody a key; whoever may write
it may give keys, so only administrators should (README «Кто работает в командной строке»).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from core.platform.errors import ConfigError

OWN_KEY_FILE = Path("~/.config/edudesk/key")


@dataclass(frozen=True)
class IssuedKey:
    email: str
    issued: str  # ISO date
    by: str  # the administrator who issued it
    sha256: str


def digest(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def issued_keys(path: Path) -> list[IssuedKey]:
    if not path.exists():
        return []
    try:
        return [IssuedKey(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"Файл ключей командной строки «{path}» повреждён: администратору — выдать ключи "
                          "заново (edudesk key issue …).") from exc


def issue(path: Path, email: str, by: str, today: date) -> str:
    """A new key for `email` (one per person: an earlier one stops working); the key itself, to show once."""
    key = secrets.token_urlsafe(24)
    kept = [k for k in issued_keys(path) if k.email.casefold() != email.casefold()]
    _save(path, [*kept, IssuedKey(email, today.isoformat(), by, digest(key))])
    return key


def revoke(path: Path, email: str) -> bool:
    keys = issued_keys(path)
    kept = [k for k in keys if k.email.casefold() != email.casefold()]
    if len(kept) != len(keys):
        _save(path, kept)
    return len(kept) != len(keys)


def owner(path: Path, key: str) -> IssuedKey | None:
    wanted = digest(key)
    return next((k for k in issued_keys(path) if hmac.compare_digest(k.sha256, wanted)), None)


def own_key(from_environment: str | None) -> str | None:
    """The key of the person running the command: EDUDESK_KEY, else the file in their home folder."""
    if from_environment and from_environment.strip():
        return from_environment.strip()
    path = OWN_KEY_FILE.expanduser()
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _save(path: Path, keys: list[IssuedKey]) -> None:
    """Written whole through a temporary file with mode 0600 (the administrators' file, not the staff's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump([asdict(k) for k in keys], out, ensure_ascii=False, indent=1)
    os.replace(temporary, path)

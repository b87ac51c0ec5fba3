"""Personal data (152-ФЗ: СНИЛС, birth date, phone, e-mail) masked by what it is, wherever it appears.

A column the sheet model marks personal is masked by its header; any other text is searched for what looks
like an e-mail, a phone number or a СНИЛС, so a «Кому» column, a finding's message or a free comment can't
carry one past a наблюдатель.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sheets_schema.base import normalize_header
from sheets_schema.registry import PERSONAL_HEADERS

HIDDEN = "[скрыто]"


class Hidden(str):
    """A personal value shown masked because its owner withdrew consent (core.admission.withdrawn): the rules read it
    as empty, an update never compares it with the sheet's cell, and it is never written back."""
_EXTRA = {"email", "e-mail получателя", "телефон слушателя"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?![\w])")
_SNILS = re.compile(r"(?<![\w-])\d{3}-?\d{3}-?\d{3}[\s-]?\d{2}(?![\w-])")
_QUOTED = re.compile(r"«[^»]*»")


def is_personal(header: str) -> bool:
    key = normalize_header(header or "")
    return key in PERSONAL_HEADERS or key in _EXTRA


def mask(header: str, value: Any) -> Any:
    """One value of a personal column as a наблюдатель sees it: enough to recognise, not enough to use.

    A column that is not personal gives its value back unchanged."""
    if value in (None, "") or not is_personal(header):
        return value
    key = normalize_header(header or "")
    if isinstance(value, date):
        return f"**.**.{value.year}" if "рожд" in key else "**.**.****"
    text = str(value)
    if key == "снилс":
        return "***-***-*** " + text[-2:] if len(text) >= 2 else "***"
    if "рожд" in key:
        return "**.**." + (text[-4:] if re.search(r"\d{4}$", text) else "****")
    if "телефон" in key:
        digits = re.sub(r"\D", "", text)
        return "*** ***-**-" + digits[-2:] if len(digits) >= 2 else "***"
    if "@" in text:
        name, _, domain = text.partition("@")
        return f"{name[:1]}***@{domain}"
    return "***"  # personal by its column, whatever its shape: never shown as it is


def mask_text(text: str) -> str:
    """Free text with every e-mail, phone number and СНИЛС in it masked."""
    text = _EMAIL.sub(lambda m: mask("e-mail", m[0]), text)
    text = _PHONE.sub(lambda m: mask("телефон", m[0]), text)
    return _SNILS.sub(lambda m: mask("снилс", m[0]), text)


def mask_row(row: dict) -> dict:
    """A table row as a наблюдатель sees it: personal columns masked, and personal-looking text elsewhere."""
    return {k: mask(k, v) if is_personal(k) else (mask_text(v) if isinstance(v, str) else v) for k, v in row.items()}


def mask_message(message: str, column: str | None) -> str:
    """A finding's message: what it quotes from a personal column is hidden, and any personal-looking text."""
    if column and is_personal(column):
        message = _QUOTED.sub(f"«{HIDDEN}»", message)
    return mask_text(message)


def personal_columns(tabs: dict[str, Any]) -> dict[str, list[str]]:
    """Tab → the headers of its columns that hold personal data (of the tabs that exist and have rows)."""
    out = {}
    for name, data in tabs.items():
        if getattr(data, "exists", True) and getattr(data, "rows", None):
            found = [h for h in data.headers if h and is_personal(h)]
            if found:
                out[getattr(data, "sheet", None) or name] = found
    return out


ABROAD = ("С 1 июля 2025 г. 152-ФЗ ст. 18 ч. 5 запрещает записывать, хранить и обновлять персональные данные граждан "
          "России в базах данных за её пределами, а Google Таблица хранится на серверах Google вне России.")


def abroad_warning(personal: dict[str, list[str]], apart: bool) -> str:
    """What to say, once and plainly, of personal columns a Google Sheet keeps abroad."""
    where = "; ".join(f"«{tab}»: {', '.join(headers)}" for tab, headers in personal.items())
    todo = ("Хранение персональных данных отдельно включено, но эти столбцы ещё в таблице: перенесите их командой "
            "edudesk personal out (ничего не теряется; README, «Персональные данные и 152-ФЗ»)." if apart else
            "Включите хранение отдельно (EDUDESK_PERSONAL_STORE — книга на сервере учреждения) и перенесите их "
            "командой edudesk personal out (README, «Персональные данные и 152-ФЗ»).")
    return f"Персональные данные — в Google Таблице: {where}. {ABROAD} {todo}"

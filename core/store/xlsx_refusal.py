"""Why the local store won't change a workbook, in Russian: said before anything is written."""

from __future__ import annotations

from pathlib import Path

from core.platform.errors import StoreError

from .xlsx_package import UnsupportedLayout


def refusal(path: Path, exc: UnsupportedLayout) -> StoreError:
    """Why the fast writer won't touch this file, in Russian; nothing was written."""
    detail = str(exc)
    reasons = {
        "not a zip": "внутри не zip-архив",
        "no workbook part": "внутри нет книги (нет ссылки на workbook)",
        "worksheet in an unknown namespace": "лист записан в незнакомом формате",
        "unexpected content inside <row>": "в строке листа есть незнакомые элементы",
        "rows out of order": "строки листа записаны не по порядку",
        "encrypted member": "часть файла зашифрована",
    }
    reason = next((text for key, text in reasons.items() if detail.startswith(key)), None)
    if detail.startswith("array formula at"):
        reason = f"ячейка {detail.rsplit(' ', 1)[1]} входит в формулу массива, а её часть менять нельзя"
    if detail == "pivot table":
        reason = ("на листе сводная таблица: Excel и LibreOffice перестраивают её и стёрли бы записанное; "
                  "ведите данные на обычном листе")
    if detail.startswith("beyond the sheet"):
        reason = "запись вышла бы за последнюю строку листа"
    reason = reason or f"устройство файла не позволяет изменить его, ничего не потеряв ({detail})"
    return StoreError(f"Книгу «{path.name}» приложение не меняет: {reason}. Ничего не записано. Откройте книгу в "
                      "Excel или LibreOffice и сохраните её заново — после этого запись пройдёт.")

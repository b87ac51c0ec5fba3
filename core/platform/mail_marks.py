"""The «Рассылки» row of one letter and the words of its result, shared by the sender and the marks on disk."""

from __future__ import annotations

import os
import socket
import time
from datetime import datetime

TAB = "Рассылки"
SENT = "отправлено"
SENDING = "отправляется"  # on disk only: the letter is with the server now
UNCERTAIN = "не известно, дошло ли"  # the start of every result whose letter may or may not have arrived
INTERRUPTED = (f"{UNCERTAIN}: отправка прервалась, пока письмо передавалось серверу; повторно не отправляется "
               "без вашего решения — уточните у адресата")
LOST_ANSWER = (f"{UNCERTAIN}: связь с сервером прервалась после передачи письма, до его ответа; повторно не "
               "отправляется без вашего решения — уточните у адресата")
HEADERS = ("Когда", "Кто", "Вид", "Группа или сессия", "Кому", "Тема", "Результат")


def mark_of(letter, who: str, result: str) -> dict:
    """The «Рассылки» row of one letter, with what the disk needs to find and age it (keys starting with «_»)."""
    return {"Когда": datetime.now().strftime("%d.%m.%Y %H:%M:%S"), "Кто": who, "Вид": letter.kind,
            "Группа или сессия": letter.subject_of, "Кому": letter.to, "Тема": letter.subject, "Результат": result,
            "_id": f"{socket.gethostname()}:{os.getpid()}:{time.time_ns()}", "_host": socket.gethostname(),
            "_pid": os.getpid(), "_since": time.time()}

"""gspread's transport with our retry policy, and Google's errors in Russian.

Reads are retried here (a GET changes nothing). Writes are not: whether a failed write may be sent again
depends on whether it was applied, which only the store can find out — so a failed write comes back as
RateLimited (Google refused it, nothing applied) or AnswerLost (it may or may not have been applied).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import requests
from google.auth.exceptions import RefreshError
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from core.platform.errors import StoreError, StoreUnavailable

GOOGLE_API = "https://sheets.googleapis.com"
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with full jitter for 429 and 5xx answers."""

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 16.0
    timeout: float = 30.0  # seconds to wait for one answer

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


class RateLimited(Exception):
    """A write was refused with 429: Google applied nothing."""


class AnswerLost(Exception):
    """A write got no usable answer (5xx, timeout, broken connection): it may have been applied."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class RetryingHTTPClient(HTTPClient):
    """gspread's HTTPClient with our retries and a configurable API address (for an emulator or a proxy)."""

    def __init__(self, auth, session=None, *, api_base: str = GOOGLE_API, policy: RetryPolicy | None = None):
        super().__init__(auth, session)
        self.api_base = api_base.rstrip("/")
        self.policy = policy or RetryPolicy()

    def request(self, method, endpoint, params=None, data=None, json=None, files=None, headers=None):
        url = endpoint.replace(GOOGLE_API, self.api_base, 1)
        if isinstance(params, dict) or params is None:  # compact JSON: Google indents by default
            params = {**(params or {}), "prettyPrint": "false"}
        # developerMetadata:search is a POST that changes nothing: retried like a read
        reading = method.lower() == "get" or url.endswith(":search")
        for attempt in range(1, self.policy.max_attempts + 1):
            last = attempt == self.policy.max_attempts
            try:
                response = self.session.request(method=method, url=url, json=json, params=params, data=data,
                                                files=files, headers=headers, timeout=self.policy.timeout)
            except RefreshError as exc:  # Google's token service refused the key: nothing was sent
                raise StoreError(key_refused(exc) + (" Изменение НЕ сохранено." if not reading else "")) from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                detail = f"нет связи ({type(exc).__name__})"
                if not reading:
                    raise AnswerLost(detail) from exc
                if last:
                    raise StoreUnavailable(unreachable(detail, attempt)) from exc
                time.sleep(self.policy.delay(attempt))
                continue
            if response.ok:
                return response
            if response.status_code in RETRY_STATUS:
                if not reading:
                    if response.status_code == 429:
                        raise RateLimited()
                    raise AnswerLost(f"ответ {response.status_code}")
                if last:
                    raise StoreUnavailable(unreachable(f"ответ {response.status_code}", attempt))
                time.sleep(self.policy.delay(attempt))
                continue
            raise APIError(response)
        raise AssertionError("unreachable")  # pragma: no cover


def key_refused(exc: RefreshError) -> str:
    """Why Google refused the service account's key, in Russian (its own text is English)."""
    code = str(exc.args[0]).split(":", 1)[0].strip() if exc.args else ""
    why = {"invalid_grant": "ключ удалён или отозван в Google Cloud Console, либо часы этого компьютера врут",
           "invalid_client": "сервисный аккаунт удалён или отключён",
           "unauthorized_client": "сервисному аккаунту не разрешено получать доступ"}.get(code, "ключ не принят")
    return (f"Google не принял ключ сервисного аккаунта ({why}; код ответа: {code or 'нет'}). Создайте новый ключ: "
            "Google Cloud Console → IAM и администрирование → Сервисные аккаунты → ваш аккаунт → Ключи → "
            "Добавить ключ (JSON), — и замените им [gsheets.service_account] в файле секретов.")


def unreachable(detail: str, attempts: int) -> str:
    return f"Google Таблица сейчас недоступна: {detail} после {attempts} попыток."


def reason(exc: APIError) -> str:
    """Google's machine-readable reason (SERVICE_DISABLED…), when the answer carries one."""
    for item in exc.error.get("details") or []:
        if isinstance(item, dict) and item.get("reason"):
            return str(item["reason"])
    return ""


def is_range_error(exc: APIError) -> bool:
    return exc.response.status_code == 400 and "Unable to parse range" in str(exc.error.get("message", ""))


def api_error(exc: APIError, writing: bool, where: str = "") -> StoreError:
    """Google's error as a Russian message that says what to do and, for a write, that nothing was saved."""
    status = exc.response.status_code
    message = str(exc.error.get("message", ""))
    saved = " Изменение НЕ сохранено." if writing else ""
    if status == 403 and (reason(exc) == "SERVICE_DISABLED" or "has not been used in project" in message):
        return StoreError("В облачном проекте сервисного аккаунта выключен Google Sheets API. Включите его: Google "
                          "Cloud Console → «APIs & Services» → «Library» → «Google Sheets API» → «Enable», подождите "
                          f"несколько минут и повторите.{saved}")
    if status == 403:
        return StoreError("Нет доступа к Google Таблице: откройте доступ на редактирование для client_email "
                          f"сервисного аккаунта (кнопка «Настройки доступа» в таблице).{saved}")
    if status == 404:
        return StoreError(f"Google Таблица не найдена: проверьте spreadsheet_key в .streamlit/secrets.toml.{saved}")
    if status == 400 and "protected cell" in message:
        cells = f" ({where})" if where else ""
        return StoreError(f"Ячейки{cells} защищены владельцем таблицы, и приложению менять их нельзя. Попросите "
                          "владельца добавить сервисный аккаунт в редакторы защищённого диапазона "
                          f"(«Данные» → «Защищённые листы и диапазоны»).{saved}")
    if is_range_error(exc):
        return StoreError("Google Таблица не нашла лист: его переименовали или удалили. Нажмите «Обновить данные»; "
                          f"если лист нужен приложению, верните прежнее имя или создайте лист заново.{saved}")
    return StoreError(f"Google Таблица ответила ошибкой {status} ({exc.error.get('status', '')}). Повторите позже; "
                      f"если ошибка повторяется, сообщите администратору.{saved}")

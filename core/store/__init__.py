"""Open the store the settings select: Google Sheets when secrets name one, else the local workbook."""

from __future__ import annotations

from core.platform.config import Settings, load_secrets
from core.platform.errors import ConfigError

from .base import (
    Numbering,
    OwnedTab,
    ReadResult,
    RowSnapshot,
    Store,
    TabData,
    TabLayout,
)
from .rows import find_row, snapshot_at
from .xlsx import XlsxStore

__all__ = ["Numbering", "OwnedTab", "ReadResult", "RowSnapshot", "Store", "TabData", "TabLayout", "XlsxStore", "find_row", "open_store",
           "snapshot_at"]


def open_store(settings: Settings | None = None) -> Store:
    settings = settings or Settings()
    gsheets = load_secrets(settings.secrets_file).get("gsheets")
    if gsheets:
        return _open_gsheets(gsheets, settings)
    return XlsxStore(settings.workbook, backups_keep=settings.backups_keep)


def _open_gsheets(section: dict, settings: Settings) -> Store:
    from google.oauth2.service_account import Credentials

    from .gsheets import SCOPES, GSheetsStore, RetryPolicy

    key = section.get("spreadsheet_key")
    account = section.get("service_account")
    if not key or not isinstance(account, dict):
        raise ConfigError("В [gsheets] файла секретов нужны spreadsheet_key и таблица [gsheets.service_account] "
                          "(содержимое JSON-ключа сервисного аккаунта). Пример — в README.")
    try:
        credentials = Credentials.from_service_account_info(account, scopes=SCOPES)
    except KeyError as exc:
        raise ConfigError(f"В ключе сервисного аккаунта ([gsheets.service_account]) нет поля {exc}: вставьте JSON-ключ "
                          "из Google Cloud Console целиком.") from exc
    except ValueError as exc:  # google-auth's own text is English («Could not deserialize key data…»)
        raise ConfigError("Ключ сервисного аккаунта в [gsheets.service_account] не читается: поле private_key "
                          "испорчено (переносы строк — как \n, от «-----BEGIN PRIVATE KEY-----» до «-----END PRIVATE "
                          "KEY-----») или это не JSON-ключ сервисного аккаунта. Скачайте ключ заново.") from exc
    policy = RetryPolicy(settings.retry_max_attempts, settings.retry_base_delay, settings.retry_max_delay,
                         settings.request_timeout_seconds)
    return GSheetsStore(key, auth=credentials, api_base=settings.sheets_api_base, policy=policy,
                        cache_ttl=settings.cache_ttl_seconds)

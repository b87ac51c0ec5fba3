"""Settings in one place; each can be set by an environment variable EDUDESK_<NAME>."""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.platform.errors import ConfigError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EDUDESK_", extra="ignore")

    workbook: Path = Field(Path("data/edudesk.xlsx"),
                           description="Путь к локальной книге .xlsx (хранилище по умолчанию).")
    secrets_file: Path = Field(Path(".streamlit/secrets.toml"),
                               description="Файл секретов; таблица [gsheets] в нём включает Google Таблицу.")
    personal_store: Path | None = Field(
        None, description="Персональные данные хранить отдельно: книга .xlsx на сервере учреждения, где живут столбцы "
                          "с ПДн (СНИЛС, дата рождения, телефон, e-mail, документ об образовании) и листы «Пользователи» "
                          "и «Рассылки»; в общей таблице их нет (152-ФЗ ст. 18 ч. 5). Пусто — всё в одной таблице.")
    backups_keep: int = Field(20, ge=0, description="Сколько прежних версий книги хранить в data/backups/.")
    cache_ttl_seconds: float = Field(60.0, ge=0,
                                     description="Сколько секунд данные Google Таблицы берутся из памяти без запроса.")
    sheets_api_base: str = Field("https://sheets.googleapis.com",
                                 description="Адрес Sheets API (меняют только для прокси или эмулятора в тестах).")
    retry_max_attempts: int = Field(6, ge=1, description="Сколько раз пробовать запрос при ответах 429 и 5xx.")
    retry_base_delay: float = Field(0.5, ge=0, description="Первая пауза перед повтором, с; дальше вдвое больше.")
    retry_max_delay: float = Field(16.0, ge=0, description="Самая длинная пауза между повторами, с.")
    request_timeout_seconds: float = Field(30.0, gt=0, description="Сколько секунд ждать ответа Google на один "
                                                                  "запрос; запись без ответа проверяется, а не "
                                                                  "повторяется вслепую.")
    today: date | None = Field(None, description="Дата «сегодня» для сроков (для показа и тестов); пусто — текущая.")
    dev_user: str | None = Field(None, description="Без настроенного входа: e-mail, чьими глазами смотреть приложение "
                                                   "(роль — с листа «Пользователи»); при настроенном входе не действует.")
    user: str | None = Field(None, description="E-mail с листа «Пользователи», от чьего имени работает командная "
                                                "строка; принимается только от владельца файла книги (или файла "
                                                "секретов с ключом Google), от остальных — если совпадает с тем, кого "
                                                "узнали по ключу или учётной записи ОС.")
    key: str | None = Field(None, description="Ключ командной строки, выданный администратором (edudesk key issue): "
                                               "по нему команды знают, кто вы; иначе — файл ~/.config/edudesk/key.")
    cli_keys_file: Path = Field(Path("data/cli_keys.json"),
                                description="Где хранятся отпечатки (SHA-256) выданных ключей командной строки; "
                                            "писать в него должны только администраторы.")
    mail_outbox: Path = Field(Path("data/рассылки_не_записаны.json"),
                              description="Куда сохранить отметки об отправленных письмах, если лист «Рассылки» не "
                                          "удалось записать (записываются при следующей отправке).")
    check_sheet_after_write: bool = Field(False, description="Обновлять лист «Проверка» в таблице после каждой записи "
                                                              "приложения (если находки изменились).")
    show_errors: bool = Field(False, description="Показывать трассировку внутренней ошибки на странице (для "
                                                 "разработчиков); иначе — сообщение по-русски и запись в журнал.")

    time_zone: str = Field("Europe/Moscow", description="Часовой пояс учреждения: по нему задания идут по расписанию "
                                                        "(например, Asia/Vladivostok).")
    jobs_state: Path = Field(Path("data/jobs.json"), description="Где задания по расписанию помнят, что и когда "
                                                                 "выполнили (каждое — один раз в срок).")
    check_every_minutes: int = Field(10, ge=1, le=720, description="Как часто обновлять лист «Проверка», мин.")
    digest_at: time = Field(time(8, 0), description="Во сколько по рабочим дням рассылать сводку сроков.")
    letters_at: time = Field(time(9, 0), description="Во сколько по рабочим дням отправлять письма, срок которых "
                                                     "настал (напоминания, доступы ДОТ).")
    backup_at: time = Field(time(2, 0), description="Во сколько каждый день сохранять копию книги.")
    daily_backups_keep: int = Field(14, ge=1, description="Сколько ежедневных копий хранить в data/backups/daily/.")

    server: bool = Field(False, description="Приложение на сервере за nginx (deploy/install.sh): без настроенного "
                                            "входа страниц не показывать никому — за прокси адрес 127.0.0.1 "
                                            "ничего не говорит о том, кто пришёл.")

    def current_date(self) -> date:
        return self.today or date.today()


def load_secrets(path: Path) -> dict[str, Any]:
    """The secrets TOML as a dict; an empty dict when the file is absent."""
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # its text is English: only where is kept
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f"строка {where[1]}, позиция {where[2]}" if where else "место не указано"
        raise ConfigError(f"Файл секретов «{path}» не читается как TOML ({at}): проверьте там «=», кавычки вокруг "
                          "текста и [заголовки] таблиц — пример в README.") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"Файл секретов «{path}» не в кодировке UTF-8: сохраните его как UTF-8.") from exc

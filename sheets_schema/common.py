"""Tabs shared by every area: settings, users and the journal."""


from pydantic import Field

from .base import SheetRow
from .enums import Role


def col(header: str, required: bool = False, personal: bool = False, *, positive: bool = False,
        nonnegative: bool = False, money: bool = False, past: bool = False):
    """A column: the Russian header is the alias; optional columns may be left blank.

    `personal`: the column holds personal data (152-ФЗ: СНИЛС, birth date, phone, e-mail) — masked for those
    who don't need it, wherever it appears. `positive` / `nonnegative`: a number that can't be zero or negative /
    can't be negative (hours, listeners, amounts, rates); `money`: roubles and kopecks, two places at most;
    `past`: a date that can only be behind us (a birth date): a two-digit year is read into the past."""
    flags = {"personal": personal, "positive": positive, "nonnegative": nonnegative, "money": money, "past": past}
    extra = {k: True for k, v in flags.items() if v} or None
    if required:
        return Field(alias=header, json_schema_extra=extra)
    return Field(default=None, alias=header, json_schema_extra=extra)


class Setting(SheetRow):
    key: str = col("Параметр", required=True)
    value: str | None = col("Значение")
    comment: str | None = col("Пояснение")


class User(SheetRow):
    email: str = col("E-mail", required=True, personal=True)
    full_name: str | None = col("ФИО")
    role: Role = col("Роль", required=True)
    department: str | None = col("Подразделение")


class JournalEntry(SheetRow):
    at: str = col("Когда", required=True)
    who: str | None = col("Кто")
    tab: str | None = col("Лист")
    key: str | None = col("Ключ")
    action: str | None = col("Действие")
    before: str | None = col("Было")
    after: str | None = col("Стало")


class Mailing(SheetRow):
    """One message the app sent (or tried to send)."""

    at: str = col("Когда", required=True)
    who: str | None = col("Кто")
    kind: str | None = col("Вид")
    subject_of: str | None = col("Группа или сессия")
    to: str | None = col("Кому", personal=True)
    subject: str | None = col("Тема")
    result: str | None = col("Результат")


# Settings the documents read; init writes them with empty values and a hint.
SETTING_KEYS: dict[str, str] = {
    "Полное наименование": "Полное наименование учреждения, как в уставе",
    "Краткое наименование": "Краткое наименование учреждения",
    "Учредитель": "Наименование учредителя",
    "Город": "Город, который ставится в документах",
    "Руководитель": "ФИО руководителя (Фамилия Имя Отчество)",
    "Должность руководителя": "Например: Директор",
    "Секретарь": "ФИО секретаря, подписывающего удостоверения",
    "Исполнитель": "ФИО исполнителя, указываемого в приказах",
    "Руководитель ЦВД": "ФИО руководителя центра внебюджетной деятельности: ему адресованы записки и план дохода",
    "E-mail для заявок": "Адрес, на который ожидаются заявки",
    "Адрес платформы ДОТ": "Ссылка для входа на образовательную платформу (Moodle)",
    "Начало занятий": "Когда начинаются занятия в учреждении, например 09:00 (расписание и его проверка)",
    "Окончание занятий": "Когда заканчиваются занятия, например 18:00",
}


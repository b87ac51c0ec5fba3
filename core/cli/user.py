"""Who runs the `edudesk` command. The command line keeps the same rules as the app — a наблюдатель only reads,
with personal data masked; only an администратор starts a workbook over or changes «Пользователи»; every write is
journaled — so the person must come from something they can't type in freely on a machine several people share:

1. a key an administrator issued (`edudesk key issue`, core.cli.keys), in EDUDESK_KEY or ~/.config/edudesk/key;
2. else the operating-system account, from the system's own table (not $USER, which anyone sets), mapped on
   «Пользователи» by the part of the e-mail before «@» («ivanova» → ivanova@…);
3. an e-mail named by --user or EDUDESK_USER is taken only from the owner of the store's own file (the workbook,
   or for a Google Sheet the secrets file with its key): whoever holds that file can change the data without the
   app anyway. From anyone else it must be the person 1 or 2 already found.

The journal says which of these it was.
"""

from __future__ import annotations

import dataclasses
import os
import pwd
from datetime import date
from pathlib import Path

from core.cli import keys
from core.platform.access import LOCAL_USER, User, admins, resolve
from core.platform.config import Settings, load_secrets
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store.base import Store
from sheets_schema.enums import Role

TAB = "Пользователи"


def os_login() -> str:
    """The account this process runs under, as the system knows it."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a uid with no name (a bare container)
        return ""


def store_file(settings: Settings) -> tuple[Path, str]:
    """The file whose owner holds the data: the workbook, or the secrets file with the Google key."""
    if load_secrets(settings.secrets_file).get("gsheets"):
        return settings.secrets_file, "файла секретов с ключом Google"
    return settings.workbook, "файла книги"


def owns(path: Path) -> bool:
    try:
        return path.stat().st_uid == os.geteuid()
    except OSError:
        return False


def cli_user(store: Store, claimed: str | None, settings: Settings | None = None, login: str | None = None) -> User:
    """The person behind this run. With nobody on «Пользователи» yet (a new workbook) it is the local
    administrator, as in the app before sign-in is set up: someone has to add the first people."""
    settings = settings or Settings()
    if TAB not in store.tab_names():
        return dataclasses.replace(LOCAL_USER, known_by="командная строка: в книге нет листа «Пользователи»")
    users = [r.item for r in open_workbook(store.read([TAB]).tabs).items(TAB)]
    if not users:
        return dataclasses.replace(LOCAL_USER, known_by="командная строка: на листе «Пользователи» ещё никого нет")
    login = os_login() if login is None else login
    email, known_by = _who(users, claimed, settings, login)
    person = resolve(email, users)
    if person.role is None:
        path, what = store_file(settings)
        yours = (f" Вы — владелец {what}: можно назвать себя — EDUDESK_USER=адрес@… edudesk …" if owns(path) else "")
        raise EduDeskError(
            f"«{email or login or 'без имени'}» нет на листе «Пользователи», а команды выполняются от имени сотрудника "
            "с этого листа. Попросите администратора добавить вас (e-mail, начало которого — имя вашей учётной "
            "записи) или выдать вам ключ командной строки: edudesk key issue адрес@… — его кладут в EDUDESK_KEY "
            f"или ~/.config/edudesk/key. Администраторы: {', '.join(admins(users)) or 'администратор учреждения'}."
            + yours)
    return dataclasses.replace(person, known_by=known_by)


def _who(users: list, claimed: str | None, settings: Settings, login: str) -> tuple[str, str]:
    key = keys.own_key(settings.key)
    if key:
        issued = keys.owner(settings.cli_keys_file, key)
        if issued is None:
            raise EduDeskError("Ключ командной строки (EDUDESK_KEY или ~/.config/edudesk/key) не подходит: его не "
                               "выдавали или отозвали. Попросите администратора выдать новый: edudesk key issue …")
        when = date.fromisoformat(issued.issued)
        found, known_by = issued.email, f"командная строка: ключ от {issued.by}, выдан {when:%d.%m.%Y}"
    else:
        path, what = store_file(settings)
        if claimed and owns(path):
            return claimed, f"командная строка: указан владельцем {what}, учётная запись ОС «{login}»"
        matches = [u.email for u in users if login and (u.email or "").split("@")[0].casefold() == login.casefold()]
        found = matches[0] if len(matches) == 1 else ""
        known_by = f"командная строка: учётная запись ОС «{login}»"
    if claimed and claimed.strip().casefold() != found.casefold():
        raise EduDeskError(
            f"--user / EDUDESK_USER «{claimed}»: командная строка знает вас как «{found or login or 'неизвестно'}» "
            f"({known_by.removeprefix('командная строка: ')}) и от чужого имени не работает. Чтобы работать под "
            "своим адресом, попросите администратора выдать вам ключ: edudesk key issue адрес@…")
    return found, known_by


def require(person: User, what: str, *, write: bool = False, personal: bool = False, admin: bool = False) -> None:
    """Refuse what the person's role does not allow, in Russian."""
    role = person.role.value if person.role else "без роли"
    if admin and person.role != Role.ADMIN:
        raise EduDeskError(f"{what}: только администратор (ваша роль — «{role}»).")
    if write and not person.can_write:
        raise EduDeskError(f"{what}: роль «{role}» только просматривает данные.")
    if personal and not person.sees_personal_data:
        raise EduDeskError(f"{what}: выгрузка содержит персональные данные и недоступна роли «{role}».")

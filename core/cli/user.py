"""Who runs the `edudesk` command: a person on «Пользователи», named by EDUDESK_USER (an e-mail) or found by the
operating-system login (the part of an e-mail before «@»). The command line then keeps the same rules as the app:
a наблюдатель only reads, with personal data masked; only an администратор starts a workbook over; every write is
journaled under that person's e-mail."""

from __future__ import annotations

import getpass

from core.platform.access import LOCAL_USER, User, admins, resolve
from core.platform.errors import EduDeskError
from core.records.checks import open_workbook
from core.store.base import Store
from sheets_schema.enums import Role

TAB = "Пользователи"


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return ""


def cli_user(store: Store, email: str | None, login: str | None = None) -> User:
    """The person behind this run. With nobody on «Пользователи» yet (a new workbook) it is the local
    administrator, as in the app before sign-in is set up."""
    if TAB not in store.tab_names():
        return LOCAL_USER
    users = [r.item for r in open_workbook(store.read([TAB]).tabs).items(TAB)]
    if not users:
        return LOCAL_USER
    if email:
        person = resolve(email, users)
    else:
        login = (login if login is not None else os_login()).casefold()
        found = [u for u in users if login and (u.email or "").split("@")[0].casefold() == login]
        person = resolve(found[0].email, users) if len(found) == 1 else User(login, login, None)
    if person.role is None:
        raise EduDeskError(
            f"«{person.email or 'без имени'}» нет на листе «Пользователи», а команды выполняются от имени сотрудника "
            "с этого листа. Укажите свой e-mail: EDUDESK_USER=адрес@… edudesk … (или попросите администратора "
            f"добавить вас: {', '.join(admins(users)) or 'администратор учреждения'}).")
    return person


def require(person: User, what: str, *, write: bool = False, personal: bool = False, admin: bool = False) -> None:
    """Refuse what the person's role does not allow, in Russian."""
    role = person.role.value if person.role else "без роли"
    if admin and person.role != Role.ADMIN:
        raise EduDeskError(f"{what}: только администратор (ваша роль — «{role}»).")
    if write and not person.can_write:
        raise EduDeskError(f"{what}: роль «{role}» только просматривает данные.")
    if personal and not person.sees_personal_data:
        raise EduDeskError(f"{what}: выгрузка содержит персональные данные и недоступна роли «{role}».")

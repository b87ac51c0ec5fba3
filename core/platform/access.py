"""Who may do what (roles from «Пользователи»), and personal data masked for those who don't need it (152-ФЗ)."""

from __future__ import annotations

from dataclasses import dataclass

from core.platform.personal import mask, mask_row
from core.platform.values import canonical
from sheets_schema.enums import Role

__all__ = ["mask", "mask_row"]

ADMIN_ONLY_PAGES = {"journal", "connect", "jobs"}  # the audit journal; which staff columns the app reads and writes
MANAGER_ACTIONS = {"apply_trim", "rate_orders"}  # money decisions: администратор and менеджер only


@dataclass(frozen=True)
class User:
    email: str
    name: str
    role: Role | None  # None: signed in but not listed in «Пользователи»
    known_by: str = ""  # how the person was known (sign-in, a key, the OS account): said in «Журнал» beside the e-mail

    @property
    def signature(self) -> str:
        """Who, for «Журнал»: the e-mail and how the app knew it was them."""
        return f"{self.email} ({self.known_by})" if self.known_by else self.email

    @property
    def can_write(self) -> bool:
        return self.role in (Role.ADMIN, Role.MANAGER, Role.STAFF)

    @property
    def sees_personal_data(self) -> bool:
        return self.role in (Role.ADMIN, Role.MANAGER, Role.STAFF)

    def can_open(self, page: str) -> bool:
        if self.role is None:
            return False
        return page not in ADMIN_ONLY_PAGES or self.role == Role.ADMIN

    def can(self, action: str) -> bool:
        if not self.can_write:
            return False
        return action not in MANAGER_ACTIONS or self.role in (Role.ADMIN, Role.MANAGER)


LOCAL_USER = User("локальный пользователь", "Локальный пользователь", Role.ADMIN,
                  "этот компьютер, вход не настроен")


def resolve(email: str | None, users: list) -> User:
    """The signed-in e-mail's role from «Пользователи» (case does not matter); no role when not listed."""
    wanted = canonical(email).casefold()
    for user in users:
        if canonical(user.email).casefold() == wanted and wanted:
            return User(user.email, user.full_name or user.email, user.role)
    return User(email or "", email or "", None)


def admins(users: list) -> list[str]:
    return [u.email for u in users if u.role == Role.ADMIN and u.email]


# masking: by what a value is (core.platform.personal) --------------------------------------------------------------------
def mask_rows(rows: list[dict], user: User) -> list[dict]:
    return rows if user.sees_personal_data else [mask_row(r) for r in rows]

"""Who is using the app: the signed-in user's role from «Пользователи», or the local user when sign-in is off."""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.platform.access import LOCAL_USER, User, admins, resolve
from core.platform.config import Settings, load_secrets
from core.platform.errors import EduDeskError
from core.platform.personal import mask_message
from core.records.findings import Finding

from . import data


def auth_configured() -> bool:
    try:
        return bool(load_secrets(Settings().secrets_file).get("auth"))
    except EduDeskError as exc:
        st.error(str(exc))
        st.stop()


def user() -> User:
    """The person at the screen; stops the page for anyone signed in but not listed."""
    if auth_configured():
        if not st.user.is_logged_in:
            st.title("Учебный офис")
            st.write("Войдите, чтобы продолжить.")
            st.button("Войти", on_click=st.login, key="login", type="primary")
            st.stop()
        email = st.user.get("email")
    elif Settings().dev_user:
        email = Settings().dev_user
    else:
        return LOCAL_USER
    book = data.parsed(data.read(data.ALL_TABS))
    if book["Пользователи"] is None or not book["Пользователи"].data.exists:
        st.error("В таблице нет листа «Пользователи», поэтому роли не известны. Администратору: создайте лист "
                 "командой edudesk init и впишите туда себя с ролью «администратор».")
        st.stop()
    users = [r.item for r in book.items("Пользователи")]
    person = resolve(email, users)
    if person.role is None:
        st.error(f"Адреса {email} нет на листе «Пользователи». Попросите администратора добавить вас: "
                 f"{', '.join(admins(users)) or 'администратор учреждения'}.")
        if auth_configured():
            st.button("Выйти", on_click=st.logout, key="logout")
        st.stop()
    return person


def findings() -> list[Finding]:
    """Every rule's findings; for someone who doesn't see personal data, what they quote of it is hidden."""
    found = data.findings()
    if user().sees_personal_data:
        return found
    return [dataclasses.replace(f, message=mask_message(f.message, f.column)) for f in found]

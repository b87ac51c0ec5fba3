"""Who is using the app: the signed-in user's role from «Пользователи», or the local user when sign-in is off."""

from __future__ import annotations

import streamlit as st

from core.access import LOCAL_USER, User, admins, resolve
from core.config import Settings, load_secrets
from core.errors import EduDeskError

from .data import workbook


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
    book = workbook()
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

"""Who is using the app: the signed-in user's role from «Пользователи», or the local user when sign-in is off."""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.platform.access import LOCAL_USER, User, admins, resolve
from core.platform.config import load_secrets
from core.platform.errors import EduDeskError
from core.platform.personal import mask_message
from core.platform.proxy_sign_in import KNOWN_BY as PASSWORD_KNOWN_BY
from core.platform.proxy_sign_in import person_from_proxy
from core.records.findings import Finding

from . import data
from .text import said


def _secrets() -> dict:
    """The secrets file, parsed again only when it changed (each page run asks several times who is signed in)."""
    path = data.settings().secrets_file
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        stamp = None  # absent or unreadable: load_secrets says which
    known = _parsed_secrets.get(path)
    if stamp is not None and known is not None and known[0] == stamp:
        return known[1]
    try:
        parsed = load_secrets(path)
    except EduDeskError as exc:
        st.error(said(exc))
        st.stop()
    if stamp is not None:
        _parsed_secrets[path] = (stamp, parsed)
    return parsed


_parsed_secrets: dict = {}  # path → (its mtime, size and inode when parsed, the secrets); never handed out to change


def auth_configured() -> bool:
    """Sign-in through the institute's OpenID Connect provider (st.login)."""
    return bool(_secrets().get("auth"))


def password_sign_in() -> str | None:
    """The secret nginx adds when it signs people in by their own passwords (install.sh --local-sign-in)."""
    section = _secrets().get("proxy_sign_in")
    return str(section.get("secret") or "") if isinstance(section, dict) else None


def user() -> User:
    """The person at the screen; stops the page for anyone signed in but not listed."""
    if auth_configured():
        if not st.user.is_logged_in:
            st.title("Учебный офис")
            st.write("Войдите, чтобы продолжить.")
            st.button("Войти", on_click=st.login, key="login", type="primary")
            st.stop()
        email, known_by = _verified_email(), "вход через поставщика учётных записей"
    elif (secret := password_sign_in()) is not None:
        email, known_by = _from_proxy(secret), PASSWORD_KNOWN_BY
    elif not loopback_only() or data.settings().server:
        _refuse_open_network()
    elif data.settings().dev_user:
        email, known_by = data.settings().dev_user, "EDUDESK_DEV_USER на этом компьютере, вход не настроен"
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
    return dataclasses.replace(person, known_by=known_by)


def _verified_email() -> str:
    """The signed-in e-mail, only when the provider says it is verified: an unverified address is whatever was
    typed at registration, and roles are given to addresses."""
    email = st.user.get("email")
    if email and st.user.get("email_verified") is True:
        return email
    st.title("Учебный офис")
    st.error(f"Поставщик входа не подтвердил адрес {email or '(адреса нет)'} (email_verified), а роли в приложении "
             "даются по адресу. Подтвердите адрес у поставщика учётных записей (например, в Keycloak: «Email "
             "verified») и войдите снова.", icon=":material/gpp_bad:")
    st.button("Выйти", on_click=st.logout, key="logout_unverified")
    st.stop()


def _from_proxy(secret: str) -> str:
    try:
        return person_from_proxy(st.context.headers, secret)
    except EduDeskError as exc:
        st.title("Учебный офис")
        st.error(said(exc), icon=":material/gpp_bad:")
        st.stop()


_LOOPBACK = ("127.", "localhost", "::1")


def loopback_only() -> bool:
    """Whether the server listens on this computer only (unset: Streamlit listens on every address)."""
    address = str(st.get_option("server.address") or "")
    return address.startswith(_LOOPBACK)


def _refuse_open_network() -> None:
    """Without sign-in the person at the screen is whoever reaches the port: on the network that is anyone."""
    address = st.get_option("server.address") or "все адреса"
    st.title("Учебный офис")
    if data.settings().server:  # behind the proxy every visitor comes from 127.0.0.1
        st.error("Сервер открыт в сети, а вход не настроен: так любой, кто откроет адрес, стал бы администратором. "
                 f"Администратору: заполните [auth] в {data.settings().secrets_file} или включите вход по паролям "
                 "(deploy/install.sh --local-sign-in; README, «Сервер») и перезапустите службу: "
                 "sudo systemctl restart edudesk-web.", icon=":material/lock:")
        st.stop()
    st.error(f"Приложение открыто в сети ({address}), а вход не настроен: так любой в сети стал бы "
             "администратором. Настройте вход (раздел [auth] файла секретов, см. README «Вход») или запускайте "
             "приложение только на этом компьютере: --server.address 127.0.0.1.", icon=":material/lock:")
    st.stop()


def findings() -> list[Finding]:
    """Every rule's findings; for someone who doesn't see personal data, what they quote of it is hidden."""
    found = data.findings()
    if user().sees_personal_data:
        return found
    return [dataclasses.replace(f, message=mask_message(f.message, f.column)) for f in found]

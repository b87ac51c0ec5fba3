"""Sign-in without an identity provider: nginx asks each person for their own password (auth_basic over HTTPS,
salted SHA-512 hashes in a file only root writes) and hands the app the name it accepted.

The app trusts that name only from nginx: nginx replaces whatever header a browser sent with its own, and adds a
secret that only nginx's configuration and the app's secrets file hold. Streamlit listens on 127.0.0.1, so what
reaches it without the secret is another program on the server itself — refused, not believed."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from .errors import EduDeskError

USER_HEADER = "X-EduDesk-User"
SECRET_HEADER = "X-EduDesk-Proxy-Secret"
KNOWN_BY = "вход по паролю на сервере учреждения (nginx)"


def person_from_proxy(headers: Mapping[str, str], secret: str) -> str:
    """The e-mail nginx accepted a password for; a Russian refusal when the request did not come through it."""
    if not secret:
        raise EduDeskError("Вход по паролю включён, но в файле секретов нет [proxy_sign_in] secret. Администратору: "
                           "запустите deploy/install.sh с --local-sign-in ещё раз — он допишет секрет.")
    lowered = {str(name).lower(): str(value) for name, value in headers.items()}
    given = lowered.get(SECRET_HEADER.lower(), "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        raise EduDeskError("Запрос пришёл к приложению не через nginx сервера, поэтому имя в нём ничего не "
                           "доказывает. Откройте адрес сервера по HTTPS.")
    email = lowered.get(USER_HEADER.lower(), "").strip()
    if not email:
        raise EduDeskError("nginx не передал, кто вошёл: проверьте, что в его настройке для сайта есть "
                           "include …/nginx-sign-in.conf (deploy/install.sh --local-sign-in).")
    return email

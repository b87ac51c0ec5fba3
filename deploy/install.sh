#!/usr/bin/env bash
# EduDesk on a Debian 12 server, in one command (README, «Сервер»):
#
#   sudo deploy/install.sh --domain edudesk.oiro.local --admin admin@oiro.ru \
#        --oidc-metadata https://id.oiro.local/realms/oiro/.well-known/openid-configuration \
#        --oidc-client-id edudesk --oidc-client-secret …
#
#   or, where the institute has no identity provider, each person with a password of their own that nginx asks for:
#   sudo deploy/install.sh --domain edudesk.oiro.local --admin admin@oiro.ru --local-sign-in
#   sudo deploy/password.sh admin@oiro.ru
#
# Installs the app under its own user and venv, nginx with TLS in front (a self-signed certificate unless
# --tls-cert/--tls-key give the institute's own), Streamlit on 127.0.0.1 only, settings and secrets in /etc/edudesk
# (0640, root:edudesk), the page and jobs services started on boot and restarted on failure. Running it again is the
# upgrade: the app is replaced, /etc/edudesk and the data in /var/lib/edudesk are kept.
#
# --render-only --root DIR writes every file the install would write (configs, units, certificate) under DIR and
# touches nothing else: what the tests start the arrangement from, and a way to read the configuration first.
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
die() { echo "Ошибка: $*" >&2; exit 1; }

SOURCE=$(cd "$(dirname "$0")/.." && pwd)
DOMAIN=$(hostname -f 2>/dev/null || hostname)
ADMIN="" ROOT="" RENDER_ONLY="" TLS_CERT="" TLS_KEY="" LOCAL_SIGN_IN=""
OIDC_METADATA="" OIDC_CLIENT_ID="" OIDC_CLIENT_SECRET=""
HTTPS_PORT=443 HTTP_PORT=80 APP_PORT=8501 TIME_ZONE=Europe/Moscow
PREFIX=/opt/edudesk VENV="" APP="" USER_NAME=edudesk
while [ $# -gt 0 ]; do
  case "$1" in
    --domain) DOMAIN=$2; shift ;;
    --admin) ADMIN=$2; shift ;;
    --oidc-metadata) OIDC_METADATA=$2; shift ;;
    --oidc-client-id) OIDC_CLIENT_ID=$2; shift ;;
    --oidc-client-secret) OIDC_CLIENT_SECRET=$2; shift ;;
    --tls-cert) TLS_CERT=$2; shift ;;
    --tls-key) TLS_KEY=$2; shift ;;
    --https-port) HTTPS_PORT=$2; shift ;;
    --http-port) HTTP_PORT=$2; shift ;;
    --app-port) APP_PORT=$2; shift ;;
    --time-zone) TIME_ZONE=$2; shift ;;
    --prefix) PREFIX=$2; shift ;;
    --venv) VENV=$2; shift ;;
    --app) APP=$2; shift ;;
    --root) ROOT=$2; shift ;;
    --render-only) RENDER_ONLY=1 ;;
    --local-sign-in) LOCAL_SIGN_IN=1 ;;
    -h|--help) usage 0 ;;
    *) echo "Неизвестный параметр: $1" >&2; usage 1 ;;
  esac
  shift
done
[ -n "$ADMIN" ] || die "укажите --admin e-mail первого администратора (он войдёт первым и добавит остальных)."
[ -n "$VENV" ] || VENV=$PREFIX/venv
[ -n "$APP" ] || APP=$PREFIX/app
[ -z "$TLS_CERT" ] || [ -n "$TLS_KEY" ] || die "--tls-cert без --tls-key: нужны оба файла."
[ -z "$LOCAL_SIGN_IN" ] || [ -z "$OIDC_METADATA" ] || \
  die "--local-sign-in и --oidc-metadata вместе: выберите один способ входа."
if [ -z "$RENDER_ONLY" ] && [ "$(id -u)" != 0 ]; then die "запускайте через sudo: ставятся пакеты и службы."; fi

ETC=$ROOT/etc/edudesk DATA=$ROOT/var/lib/edudesk
SITE=$ROOT/etc/nginx/sites-available/edudesk.conf UNITS=$ROOT/etc/systemd/system
PORT_SUFFIX=$([ "$HTTPS_PORT" = 443 ] && echo "" || echo ":$HTTPS_PORT")

render() {  # template → file, with @NAME@ replaced
  local template=$1 target=$2
  mkdir -p "$(dirname "$target")"
  sed -e "s|@DOMAIN@|$DOMAIN|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
      -e "s|@APP_PORT@|$APP_PORT|g" -e "s|@ETC@|$ETC|g" -e "s|@DATA@|$DATA|g" -e "s|@PREFIX@|$PREFIX|g" -e "s|@APP@|$APP|g" \
      -e "s|@VENV@|$VENV|g" -e "s|@USER@|$USER_NAME|g" -e "s|@TIME_ZONE@|$TIME_ZONE|g" \
      -e "s|@SERVICE_EMAIL@|$ADMIN|g" -e "s|@SIGN_IN@|${SIGN_IN:-}|g" "$SOURCE/deploy/templates/$template" > "$target.new"
  mv "$target.new" "$target"
}

auth_block() {
  if [ -z "$OIDC_METADATA" ]; then
    echo "# [auth] — заполните и перезапустите службу edudesk-web:"
    echo "# redirect_uri = \"https://$DOMAIN$PORT_SUFFIX/oauth2callback\""
    echo "# cookie_secret = \"$(openssl rand -hex 32)\""
    echo "# client_id = \"edudesk\""
    echo "# client_secret = \"…\""
    echo "# server_metadata_url = \"https://…/.well-known/openid-configuration\""
    return
  fi
  echo "[auth]"
  echo "redirect_uri = \"https://$DOMAIN$PORT_SUFFIX/oauth2callback\""
  echo "cookie_secret = \"$(openssl rand -hex 32)\""
  echo "client_id = \"$OIDC_CLIENT_ID\""
  echo "client_secret = \"$OIDC_CLIENT_SECRET\""
  echo "server_metadata_url = \"$OIDC_METADATA\""
}

write_password_sign_in() {
  # nginx asks for the password and hands the app the name with a secret only it and the app know (README, «Сервер»).
  grep -q '^\[auth\]' "$ETC/secrets.toml" && die "в $ETC/secrets.toml уже настроен вход [auth]: уберите его или не \
указывайте --local-sign-in."
  [ -e "$ETC/users.htpasswd" ] || install -m 0640 /dev/null "$ETC/users.htpasswd"
  # nginx's workers (www-data) read it on each request; nobody else may
  if [ "$(id -u)" = 0 ] && getent group www-data >/dev/null; then chgrp www-data "$ETC/users.htpasswd"; fi
  if [ -e "$ETC/nginx-sign-in.conf" ] && grep -q '^\[proxy_sign_in\]' "$ETC/secrets.toml"; then return 0; fi
  local secret
  secret=$(openssl rand -hex 32)
  printf '\n[proxy_sign_in]\n# nginx adds this to every request it signed in (deploy/install.sh --local-sign-in)\nsecret = "%s"\n' \
    "$secret" >> "$ETC/secrets.toml"
  cat > "$ETC/nginx-sign-in.conf" <<CONF
# EduDesk: sign-in by each person's own password (deploy/install.sh --local-sign-in); passwords: deploy/password.sh.
auth_basic "EduDesk";
auth_basic_user_file $ETC/users.htpasswd;
error_page 401 /_edudesk/401.html;
proxy_set_header X-EduDesk-User \$remote_user;
proxy_set_header X-EduDesk-Proxy-Secret "$secret";
CONF
  chmod 0600 "$ETC/nginx-sign-in.conf"
}

write_configs() {
  mkdir -p "$ETC/tls" "$DATA"
  # others may pass through, not list: nginx's workers (www-data) reach users.htpasswd; every other file here is
  # 0640/0600, so passing through shows them nothing
  chmod 0751 "$ETC"
  if [ ! -e "$ETC/edudesk.env" ]; then  # an upgrade keeps what the administrator set
    render edudesk.env "$ETC/edudesk.env"
  fi
  if [ ! -e "$ETC/secrets.toml" ]; then
    render secrets.toml "$ETC/secrets.toml"
    block=$(auth_block)
    python3 - "$ETC/secrets.toml" "$block" <<'PY'
import sys
path, block = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read().replace("@AUTH_BLOCK@", block)
open(path, "w", encoding="utf-8").write(text)
PY
  fi
  chmod 0640 "$ETC/edudesk.env" "$ETC/secrets.toml"
  if [ -n "$TLS_CERT" ]; then
    install -m 0644 "$TLS_CERT" "$ETC/tls/edudesk.crt"
    install -m 0640 "$TLS_KEY" "$ETC/tls/edudesk.key"
  elif [ ! -e "$ETC/tls/edudesk.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$DOMAIN" \
      -addext "subjectAltName=DNS:$DOMAIN,DNS:localhost,IP:127.0.0.1" \
      -keyout "$ETC/tls/edudesk.key" -out "$ETC/tls/edudesk.crt" 2>/dev/null
    chmod 0640 "$ETC/tls/edudesk.key"
  fi
  [ -z "$LOCAL_SIGN_IN" ] || write_password_sign_in
  if [ -e "$ETC/nginx-sign-in.conf" ]; then  # an upgrade without the flag keeps the sign-in chosen before
    SIGN_IN="include $ETC/nginx-sign-in.conf;"
  else
    SIGN_IN="# no sign-in by passwords here: the app signs people in through [auth] (OpenID Connect)"
  fi
  render nginx-site.conf "$SITE"
  render edudesk-web.service "$UNITS/edudesk-web.service"
  render edudesk-jobs.service "$UNITS/edudesk-jobs.service"
}

if [ -n "$RENDER_ONLY" ]; then
  [ -n "$ROOT" ] || die "--render-only пишет только в --root КАТАЛОГ."
  write_configs
  echo "Файлы установки записаны в $ROOT."
  exit 0
fi

echo "1/6 Пакеты Debian: nginx, openssl, python3-venv…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq nginx openssl python3-venv rsync >/dev/null

echo "2/6 Пользователь $USER_NAME и каталоги…"
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --home-dir "$DATA" --shell /usr/sbin/nologin "$USER_NAME"
install -d -m 0755 "$PREFIX"
install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" "$DATA"
install -d -m 0751 -o root -g "$USER_NAME" "$ETC"

echo "3/6 Приложение в $APP и его venv…"
rsync -a --delete --exclude .venv --exclude data --exclude .git --exclude '__pycache__' "$SOURCE/" "$APP/"
# Debian's python3 (python3-venv above): a python3 found first on root's PATH may live in root's home (pyenv), which
# the service user can't enter — its venv would start for root and fail for edudesk («Permission denied»)
if ! runuser -u "$USER_NAME" -- "$VENV/bin/python" -c "" 2>/dev/null; then
  rm -rf "$VENV"
  /usr/bin/python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade pip >/dev/null
"$VENV/bin/pip" install -q "$APP" >/dev/null

echo "4/6 Настройки, секреты, сертификат…"
write_configs
chown root:"$USER_NAME" "$ETC/edudesk.env" "$ETC/secrets.toml" "$ETC/tls/edudesk.key"
if [ ! -e "$DATA/edudesk.xlsx" ]; then
  (cd "$APP" && set -a && . "$ETC/edudesk.env" && set +a && \
   runuser -u "$USER_NAME" -- "$VENV/bin/edudesk" init >/dev/null)
  runuser -u "$USER_NAME" -- "$VENV/bin/python" - "$DATA/edudesk.xlsx" "$ADMIN" <<'PY'
import sys
from core.store import XlsxStore
from core.records.journal import JournaledStore
store = XlsxStore(sys.argv[1])
store.append("Пользователи", [{"E-mail": sys.argv[2], "Роль": "администратор"}])
JournaledStore(store, "deploy/install.sh").record("Пользователи", sys.argv[2], "первый администратор при установке")
PY
fi

echo "5/6 nginx…"
ln -sf "$SITE" /etc/nginx/sites-enabled/edudesk.conf
nginx -t -q
if [ -e "$ETC/nginx-sign-in.conf" ] && ! grep -q "^$ADMIN:" "$ETC/users.htpasswd"; then
  echo "Задайте пароль первому администратору: sudo $SOURCE/deploy/password.sh $ADMIN"
fi
echo "6/6 Службы…"
if [ "$(systemctl is-system-running 2>/dev/null || true)" = offline ]; then
  echo "systemd здесь не запущен (контейнер?): службы записаны в $UNITS, запустите их вручную." >&2
  exit 0
fi
systemctl daemon-reload
systemctl enable --now edudesk-web edudesk-jobs
systemctl restart edudesk-web edudesk-jobs
systemctl reload nginx
echo "Готово: https://$DOMAIN$PORT_SUFFIX — войдите как $ADMIN. Состояние: systemctl status edudesk-web edudesk-jobs;"
echo "задания: sudo -u $USER_NAME $VENV/bin/edudesk jobs (из $APP, с настройками $ETC/edudesk.env)."

#!/usr/bin/env bash
# Remove EduDesk's services, nginx site and app (README, «Сервер»). The data (/var/lib/edudesk) and the settings
# (/etc/edudesk) stay unless --purge is given: a reinstall finds them as they were.
set -euo pipefail
PREFIX=/opt/edudesk PURGE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift ;;
    --purge) PURGE=1 ;;
    *) echo "Неизвестный параметр: $1" >&2; exit 1 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "Ошибка: запускайте через sudo." >&2; exit 1; }
if [ "$(systemctl is-system-running 2>/dev/null || true)" != offline ]; then
  systemctl disable --now edudesk-web edudesk-jobs 2>/dev/null || true
fi
rm -f /etc/systemd/system/edudesk-web.service /etc/systemd/system/edudesk-jobs.service
rm -f /etc/nginx/sites-enabled/edudesk.conf /etc/nginx/sites-available/edudesk.conf
command -v nginx >/dev/null && nginx -t -q && { systemctl reload nginx 2>/dev/null || true; }
rm -rf "$PREFIX"
if [ -n "$PURGE" ]; then
  rm -rf /etc/edudesk /var/lib/edudesk
  userdel edudesk 2>/dev/null || true
  echo "EduDesk удалён вместе с данными и настройками."
else
  echo "EduDesk удалён; данные — в /var/lib/edudesk, настройки — в /etc/edudesk (удалить: --purge)."
fi

#!/usr/bin/env bash
# Debian's LibreOffice (headless) judges the workbooks the app writes, as a user's office would.
# Installs it when missing and we are root (as in CI); otherwise those tests skip and say why.
set -u
if command -v soffice >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "LibreOffice не установлен, а прав root нет: проверки книг в LibreOffice будут пропущены" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null \
  || echo "LibreOffice поставить не удалось" >&2

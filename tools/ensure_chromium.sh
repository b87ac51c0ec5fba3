#!/usr/bin/env bash
# Debian's chromium for the browser tests (a test tool's own browser download does not work here).
# Installs it when missing and we are root (as in CI); otherwise the browser tests skip and say why.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium не установлен, а прав root нет: браузерные тесты будут пропущены" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null || echo "chromium поставить не удалось" >&2

#!/usr/bin/env bash
# Installs a Debian package when its command is missing and we are root (as in CI).
# Usage: ensure_debian.sh COMMAND PACKAGE "what is lost without it" [required] [with-recommends]
# COMMAND may also be a file's absolute path (a package with no command of its own, like LibreOffice Writer).
# Without root, an optional tool is skipped with a message; a required one fails. Chromium is installed with
# its recommended packages (fonts), the rest without.
set -u
command_name=$1 package=$2 without=$3 required=${4:-} recommends=${5:-}
flags=(-y -qq)
[ -z "$recommends" ] && flags+=(--no-install-recommends)
if [ -e "$command_name" ] || command -v "$command_name" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "$package не установлен, а прав root нет: $without" >&2
  [ -n "$required" ] && exit 1 || exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install "${flags[@]}" "$package" >/dev/null \
  || { echo "$package поставить не удалось: $without" >&2; [ -z "$required" ]; }
